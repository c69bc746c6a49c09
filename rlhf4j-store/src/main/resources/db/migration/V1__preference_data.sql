-- V1: the preference data (prompts, completions, judgments, annotators) and dataset lineage.
-- One script for H2 and PostgreSQL: only types and syntax both accept (VARCHAR, TEXT, BIGINT,
-- TIMESTAMP(6) WITH TIME ZONE, plain CREATE INDEX). JSON is kept as TEXT: both databases store
-- it byte for byte, and the queries that matter (by prompt, by annotator, by kind) use columns.

CREATE TABLE annotators (
    id           VARCHAR(200) PRIMARY KEY,
    display_name VARCHAR(400) NOT NULL
);

-- Expertise per domain; a domain without a row counts as NOVICE.
CREATE TABLE annotator_expertise (
    annotator_id VARCHAR(200) NOT NULL REFERENCES annotators (id) ON DELETE CASCADE,
    domain       VARCHAR(200) NOT NULL,
    level        VARCHAR(20)  NOT NULL CHECK (level IN ('NOVICE', 'GENERALIST', 'EXPERT')),
    PRIMARY KEY (annotator_id, domain)
);

-- Ids are content-derived (io.rlhf4j.core.data.Ids), so the same prompt imported twice is one row.
CREATE TABLE prompts (
    id           VARCHAR(200) PRIMARY KEY,
    conversation TEXT         NOT NULL, -- JSON: [{"role":"user","content":"..."}, ...]
    domain       VARCHAR(200) NOT NULL
);
CREATE INDEX prompts_by_domain ON prompts (domain);

CREATE TABLE completions (
    id         VARCHAR(200) PRIMARY KEY,
    prompt_id  VARCHAR(200) NOT NULL REFERENCES prompts (id),
    text       TEXT         NOT NULL,
    source     VARCHAR(20)  NOT NULL CHECK (source IN ('MODEL', 'HUMAN', 'IMPORTED')),
    model      VARCHAR(200) NOT NULL,
    checkpoint VARCHAR(1000),
    sampling   TEXT         NOT NULL  -- JSON: {"temperature":0.7,"top_k":null,...}
);
CREATE INDEX completions_by_prompt ON completions (prompt_id);
CREATE INDEX completions_by_model ON completions (model);

-- Every kind of judgment in one table: the meta every kind shares is in columns (so "judgments by
-- annotator", "all comparisons of a prompt", "which guideline version" are plain indexed queries),
-- the kind-specific part is a small JSON payload (see JudgmentCodec).
CREATE TABLE judgments (
    id                VARCHAR(200) PRIMARY KEY,
    kind              VARCHAR(20)  NOT NULL
        CHECK (kind IN ('pairwise', 'ranking', 'rating', 'safety_flag', 'demonstration')),
    prompt_id         VARCHAR(200) NOT NULL REFERENCES prompts (id),
    annotator_id      VARCHAR(200) NOT NULL REFERENCES annotators (id),
    created_at        TIMESTAMP(6) WITH TIME ZONE NOT NULL,
    guideline_version VARCHAR(200) NOT NULL,
    time_spent_ms     BIGINT       NOT NULL,
    justification     TEXT,
    payload           TEXT         NOT NULL
);
CREATE INDEX judgments_by_prompt ON judgments (prompt_id, kind);
CREATE INDEX judgments_by_annotator ON judgments (annotator_id, created_at);
CREATE INDEX judgments_by_kind ON judgments (kind, created_at);

-- The completions a judgment is about, in the judgment's own order: referential integrity for the
-- JSON payload, and "every judgment touching completion X / model M" without parsing JSON.
CREATE TABLE judgment_completions (
    judgment_id   VARCHAR(200) NOT NULL REFERENCES judgments (id) ON DELETE CASCADE,
    position      INT          NOT NULL,
    completion_id VARCHAR(200) NOT NULL REFERENCES completions (id),
    PRIMARY KEY (judgment_id, position)
);
CREATE INDEX judgment_completions_by_completion ON judgment_completions (completion_id);

-- One row per imported (or generated) dataset. Re-importing under the same name updates it.
CREATE TABLE datasets (
    name             VARCHAR(200) PRIMARY KEY,
    format           VARCHAR(40)  NOT NULL,
    source_path      VARCHAR(2000),
    content_sha256   CHAR(64),
    imported_at      TIMESTAMP(6) WITH TIME ZONE NOT NULL,
    prompt_count     BIGINT       NOT NULL,
    completion_count BIGINT       NOT NULL,
    judgment_count   BIGINT       NOT NULL
);

-- Membership: which prompts, completions and judgments a dataset holds, with the line (and place
-- within the line) each first came from. Lineage ("which data shaped this model") and export
-- (in file order) both read these. Rows are shared between datasets, membership is not.
CREATE TABLE dataset_prompts (
    dataset_name VARCHAR(200) NOT NULL REFERENCES datasets (name) ON DELETE CASCADE,
    prompt_id    VARCHAR(200) NOT NULL REFERENCES prompts (id),
    line_no      BIGINT       NOT NULL,
    PRIMARY KEY (dataset_name, prompt_id)
);
CREATE INDEX dataset_prompts_by_prompt ON dataset_prompts (prompt_id);

CREATE TABLE dataset_completions (
    dataset_name  VARCHAR(200) NOT NULL REFERENCES datasets (name) ON DELETE CASCADE,
    completion_id VARCHAR(200) NOT NULL REFERENCES completions (id),
    line_no       BIGINT       NOT NULL,
    position      INT          NOT NULL,
    PRIMARY KEY (dataset_name, completion_id)
);
CREATE INDEX dataset_completions_by_completion ON dataset_completions (completion_id);

CREATE TABLE dataset_judgments (
    dataset_name VARCHAR(200) NOT NULL REFERENCES datasets (name) ON DELETE CASCADE,
    judgment_id  VARCHAR(200) NOT NULL REFERENCES judgments (id),
    line_no      BIGINT       NOT NULL,
    position     INT          NOT NULL,
    PRIMARY KEY (dataset_name, judgment_id)
);
CREATE INDEX dataset_judgments_by_judgment ON dataset_judgments (judgment_id);

CREATE TABLE dataset_annotators (
    dataset_name VARCHAR(200) NOT NULL REFERENCES datasets (name) ON DELETE CASCADE,
    annotator_id VARCHAR(200) NOT NULL REFERENCES annotators (id),
    PRIMARY KEY (dataset_name, annotator_id)
);
