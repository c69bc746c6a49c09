package io.rlhf4j.core.format;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class DatasetFormatTest {
    @Test
    void parsesCliNamesCaseInsensitively() {
        assertThat(DatasetFormat.parse("hh-rlhf")).isEqualTo(DatasetFormat.HH_RLHF);
        assertThat(DatasetFormat.parse("TRL")).isEqualTo(DatasetFormat.TRL);
        assertThat(DatasetFormat.parse(" rlhf4j ")).isEqualTo(DatasetFormat.NATIVE);
        for (DatasetFormat f : DatasetFormat.values()) assertThat(DatasetFormat.parse(f.cliName())).isEqualTo(f);
    }

    @Test
    void unknownNameListsTheChoices() {
        assertThatThrownBy(() -> DatasetFormat.parse("hh_rlhf")).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("unknown dataset format 'hh_rlhf' (expected one of: hh-rlhf, trl, rlhf4j)");
        assertThatThrownBy(() -> DatasetFormat.parse(null)).hasMessageContaining("expected one of: hh-rlhf, trl, rlhf4j");
    }
}
