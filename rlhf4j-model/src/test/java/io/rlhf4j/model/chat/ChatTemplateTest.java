package io.rlhf4j.model.chat;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.rlhf4j.core.data.Conversation;
import io.rlhf4j.core.data.Role;
import io.rlhf4j.core.data.Turn;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.rlhf4j.model.tokenizer.ByteLevelBpeTokenizer;
import io.rlhf4j.model.tokenizer.ByteLevelTokenizerJson;
import io.rlhf4j.model.tokenizer.HfTokenizer;
import io.rlhf4j.model.tokenizer.Llama2cTokenizer;
import io.rlhf4j.model.tokenizer.TestTokenizers;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ChatTemplateTest {
    private static final Conversation MULTI_TURN = Conversation.of(
            Turn.system("You are terse."),
            Turn.user("What is 2+2?"),
            Turn.assistant("4."),
            Turn.user("And\n3 + 3?"),
            Turn.assistant(" Six, naturally.\n"));

    private final ByteLevelBpeTokenizer bpe = TestTokenizers.smallBpe();

    @Test
    void chatMlRendersTheQwenLayoutAndEncodesLikeRenderThenTokenize() {
        ChatMlTemplate template = ChatMlTemplate.of(bpe);
        String rendered = template.render(MULTI_TURN);
        assertThat(rendered).isEqualTo("<|im_start|>system\nYou are terse.<|im_end|>\n"
                + "<|im_start|>user\nWhat is 2+2?<|im_end|>\n<|im_start|>assistant\n4.<|im_end|>\n"
                + "<|im_start|>user\nAnd\n3 + 3?<|im_end|>\n<|im_start|>assistant\n Six, naturally.\n<|im_end|>\n");
        assertThat(template.encode(MULTI_TURN).ids()).containsExactly(bpe.encode(rendered));
    }

    @Test
    void chatMlMaskCoversEachAssistantReplyAndItsEndTokenAndNothingElse() {
        EncodedChat chat = ChatMlTemplate.of(bpe).encode(MULTI_TURN);
        assertThat(maskedSpans(chat)).extracting(bpe::decodeWithSpecials)
                .containsExactly("4.<|im_end|>", " Six, naturally.\n<|im_end|>");
        assertThat(unmaskedText(chat, bpe)).isEqualTo("<|im_start|>system\nYou are terse.<|im_end|>\n"
                + "<|im_start|>user\nWhat is 2+2?<|im_end|>\n<|im_start|>assistant\n\n"
                + "<|im_start|>user\nAnd\n3 + 3?<|im_end|>\n<|im_start|>assistant\n\n");
        int[] labels = chat.labels();
        for (int i = 0; i < labels.length; i++) {
            assertThat(labels[i]).isEqualTo(chat.assistantMask()[i] ? chat.ids()[i] : EncodedChat.IGNORE_INDEX);
        }
    }

    @Test
    void generationPromptIsThePrefixTrainingSawAndEndsWithTheAssistantHeader() {
        List<ChatTemplate> templates = List.of(ChatMlTemplate.qwen2(bpe), RoleMarkerTemplate.withSpecialTokens(bpe),
                RoleMarkerTemplate.plainText(bpe));
        List<String> headers = List.of("<|im_start|>assistant\n", "<|assistant|>\n", "Assistant: ");
        Conversation prompt = Conversation.of(MULTI_TURN.turns().subList(0, 4).toArray(Turn[]::new));
        for (int t = 0; t < templates.size(); t++) {
            ChatTemplate template = templates.get(t);
            int[] promptIds = template.encodePrompt(prompt);
            EncodedChat full = template.encode(MULTI_TURN);
            assertThat(Arrays.copyOf(full.ids(), promptIds.length)).as(headers.get(t)).containsExactly(promptIds);
            assertThat(full.assistantMask()[promptIds.length]).as("first reply token follows the prompt").isTrue();
            assertThat(full.assistantMask()[promptIds.length - 1]).isFalse();
            assertThat(template.renderPrompt(prompt)).endsWith(headers.get(t));
        }
    }

    @Test
    void qwen2AddsItsDefaultSystemTurnOnlyWhenThereIsNone() {
        ChatMlTemplate qwen = ChatMlTemplate.qwen2(bpe);
        assertThat(qwen.render(Conversation.ofUser("Hi"))).isEqualTo(
                "<|im_start|>system\nYou are a helpful assistant.<|im_end|>\n<|im_start|>user\nHi<|im_end|>\n");
        assertThat(qwen.render(MULTI_TURN)).doesNotContain(ChatMlTemplate.QWEN2_SYSTEM);
        assertThat(qwen.stopIds()).containsExactly(bpe.encode("<|im_end|>")[0], bpe.eosId());
    }

    @Test
    void roleMarkerTemplateStartsWithBosAndMasksRepliesWithTheirEndToken() {
        RoleMarkerTemplate template = RoleMarkerTemplate.withSpecialTokens(bpe);
        EncodedChat chat = template.encode(MULTI_TURN);
        assertThat(chat.ids()[0]).isEqualTo(bpe.bosId());
        assertThat(template.render(MULTI_TURN)).startsWith("<|endoftext|><|system|>\nYou are terse.<|end|>\n<|user|>\n");
        assertThat(chat.ids()).containsExactly(bpe.encode(template.render(MULTI_TURN)));
        assertThat(maskedSpans(chat)).extracting(bpe::decodeWithSpecials)
                .containsExactly("4.<|end|>", " Six, naturally.\n<|end|>");
    }

    @Test
    void plainTextTemplateWorksWithTheLlama2cTokenizerAndEndsRepliesWithEos() {
        Llama2cTokenizer llama = TestTokenizers.stories260K();
        RoleMarkerTemplate template = RoleMarkerTemplate.plainText(llama);
        Conversation story = Conversation.of(Turn.user("Tell me a story."), Turn.assistant("Once upon a time, there was a cat."),
                Turn.user("More!"), Turn.assistant("The cat was happy."));
        EncodedChat chat = template.encode(story);
        assertThat(chat.ids()[0]).isEqualTo(llama.bosId());
        List<int[]> spans = maskedSpans(chat);
        assertThat(spans).hasSize(2);
        for (int[] span : spans) assertThat(span[span.length - 1]).isEqualTo(llama.eosId());
        assertThat(spans).extracting(llama::decode).containsExactly("Once upon a time, there was a cat.", "The cat was happy.");
        int[] prompt = template.encodePrompt(Conversation.of(story.turns().subList(0, 3).toArray(Turn[]::new)));
        assertThat(Arrays.copyOf(chat.ids(), prompt.length)).containsExactly(prompt);
    }

    @Test
    void maskIsExactOnRealMultiTurnTranscriptsForBothTemplates() {
        List<ChatTemplate> templates = List.of(ChatMlTemplate.smolLm2(bpe), RoleMarkerTemplate.withSpecialTokens(bpe));
        String[] ends = {"<|im_end|>", "<|end|>"};
        int checked = 0;
        for (String transcript : TestTokenizers.hhRlhfTranscripts().subList(1000, 1150)) {
            Conversation conversation = parseHhRlhf(transcript);
            List<String> replies = conversation.turns().stream().filter(t -> t.role() == Role.ASSISTANT).map(Turn::content).toList();
            for (int t = 0; t < templates.size(); t++) {
                EncodedChat chat = templates.get(t).encode(conversation);
                assertThat(chat.ids()).containsExactly(bpe.encode(templates.get(t).render(conversation)));
                String end = ends[t];
                assertThat(maskedSpans(chat)).extracting(bpe::decodeWithSpecials)
                        .containsExactlyElementsOf(replies.stream().map(r -> r + end).toList());
            }
            checked += replies.size();
        }
        assertThat(checked).isGreaterThan(200);
    }

    @Test
    void exportedModelDirectoryCarriesTheTemplateAndTokenizesTheSameThroughHuggingFace(@TempDir Path dir) throws Exception {
        ChatTemplate template = ChatMlTemplate.qwen2(bpe);
        ByteLevelTokenizerJson.writeModelDirectory(bpe.model(), dir, 2048, template.jinja());
        JsonNode config = new ObjectMapper().readTree(dir.resolve("tokenizer_config.json").toFile());
        assertThat(config.path("chat_template").asText()).isEqualTo(template.jinja()).contains("<|im_start|>");
        try (HfTokenizer hf = HfTokenizer.open(dir)) {
            assertThat(List.of(hf.bosId(), hf.eosId(), hf.padId())).containsExactly(bpe.bosId(), bpe.eosId(), bpe.padId());
            ChatTemplate viaHf = ChatMlTemplate.qwen2(hf);
            assertThat(viaHf.encode(MULTI_TURN)).isEqualTo(template.encode(MULTI_TURN));
            assertThat(viaHf.encodePrompt(Conversation.ofUser("Hi"))).containsExactly(template.encodePrompt(Conversation.ofUser("Hi")));
        }
    }

    @Test
    void chatMlRefusesATokenizerWithoutItsMarkerTokens() {
        assertThatThrownBy(() -> ChatMlTemplate.of(TestTokenizers.stories260K()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("<|im_start|>");
    }

    /** Maximal runs of masked tokens, in order. */
    static List<int[]> maskedSpans(EncodedChat chat) {
        List<int[]> spans = new ArrayList<>();
        int[] ids = chat.ids();
        boolean[] mask = chat.assistantMask();
        for (int i = 0; i < ids.length; ) {
            if (!mask[i]) { i++; continue; }
            int start = i;
            while (i < ids.length && mask[i]) i++;
            spans.add(Arrays.copyOfRange(ids, start, i));
        }
        return spans;
    }

    private static String unmaskedText(EncodedChat chat, ByteLevelBpeTokenizer bpe) {
        int[] ids = chat.ids();
        boolean[] mask = chat.assistantMask();
        return bpe.decodeWithSpecials(java.util.stream.IntStream.range(0, ids.length).filter(i -> !mask[i]).map(i -> ids[i]).toArray());
    }

    private static final Pattern HH_TURN = Pattern.compile("\n\n(Human|Assistant): ");

    /** "\n\nHuman: a\n\nAssistant: b..." into user/assistant turns. */
    static Conversation parseHhRlhf(String transcript) {
        Matcher m = HH_TURN.matcher(transcript);
        List<Turn> turns = new ArrayList<>();
        Role role = null;
        int contentStart = 0;
        while (m.find()) {
            if (role != null) turns.add(new Turn(role, transcript.substring(contentStart, m.start())));
            role = Role.parse(m.group(1));
            contentStart = m.end();
        }
        if (role != null) turns.add(new Turn(role, transcript.substring(contentStart)));
        return new Conversation(turns);
    }
}
