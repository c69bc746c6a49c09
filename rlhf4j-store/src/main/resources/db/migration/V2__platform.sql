-- The human feedback platform: accounts, projects with versioned guidelines, task items and
-- annotator assignments. Prompts, completions and judgments live in the V1 tables; these tables
-- refer to them by id only, so the platform can be migrated independently of the foundation.
-- Times are epoch milliseconds (BIGINT): identical on H2 and PostgreSQL, no time-zone surprises.

CREATE TABLE platform_users (
    id            VARCHAR(64)  PRIMARY KEY,
    username      VARCHAR(64)  NOT NULL UNIQUE,
    display_name  VARCHAR(200) NOT NULL,
    role          VARCHAR(16)  NOT NULL,
    password_hash VARCHAR(512) NOT NULL,
    created_at    BIGINT       NOT NULL
);

CREATE TABLE platform_user_expertise (
    user_id VARCHAR(64)  NOT NULL REFERENCES platform_users (id),
    domain  VARCHAR(200) NOT NULL,
    level   VARCHAR(16)  NOT NULL,
    PRIMARY KEY (user_id, domain)
);

-- Only a hash of the session token is stored, so a database dump cannot be replayed as a login.
CREATE TABLE platform_sessions (
    token_hash VARCHAR(64) PRIMARY KEY,
    user_id    VARCHAR(64) NOT NULL REFERENCES platform_users (id),
    csrf_token VARCHAR(64) NOT NULL,
    created_at BIGINT      NOT NULL,
    expires_at BIGINT      NOT NULL
);

CREATE TABLE platform_projects (
    id                       VARCHAR(64)  PRIMARY KEY,
    name                     VARCHAR(200) NOT NULL,
    task_types               VARCHAR(200) NOT NULL,
    overlap                  INT          NOT NULL,
    justification            VARCHAR(16)  NOT NULL,
    justification_min_length INT          NOT NULL,
    gold_every               INT          NOT NULL,
    qualification_pass       DOUBLE PRECISION NOT NULL,
    lease_seconds            INT          NOT NULL,
    created_at               BIGINT       NOT NULL
);

CREATE TABLE platform_guidelines (
    project_id VARCHAR(64) NOT NULL REFERENCES platform_projects (id),
    version    INT         NOT NULL,
    markdown   TEXT        NOT NULL,
    created_by VARCHAR(64) NOT NULL,
    created_at BIGINT      NOT NULL,
    PRIMARY KEY (project_id, version)
);

CREATE TABLE platform_project_prompts (
    project_id VARCHAR(64)  NOT NULL REFERENCES platform_projects (id),
    prompt_id  VARCHAR(200) NOT NULL,
    added_at   BIGINT       NOT NULL,
    PRIMARY KEY (project_id, prompt_id)
);

CREATE TABLE platform_candidates (
    project_id    VARCHAR(64)  NOT NULL REFERENCES platform_projects (id),
    prompt_id     VARCHAR(200) NOT NULL,
    completion_id VARCHAR(200) NOT NULL,
    PRIMARY KEY (project_id, completion_id)
);

-- One unit of work: a task type over some of a prompt's candidates. kind is REAL, GOLD (known
-- answer, mixed into the queue) or QUALIFICATION (known answer, must be passed first).
CREATE TABLE platform_items (
    id             VARCHAR(64)   PRIMARY KEY,
    project_id     VARCHAR(64)   NOT NULL REFERENCES platform_projects (id),
    prompt_id      VARCHAR(200)  NOT NULL,
    domain         VARCHAR(200)  NOT NULL,
    task_type      VARCHAR(32)   NOT NULL,
    completion_ids VARCHAR(4000) NOT NULL,
    kind           VARCHAR(16)   NOT NULL,
    gold_answer    TEXT,
    item_key       VARCHAR(600)  NOT NULL,
    created_at     BIGINT        NOT NULL,
    UNIQUE (project_id, item_key)
);
CREATE INDEX platform_items_project ON platform_items (project_id, kind);

-- A task: one item leased to one annotator. UNIQUE (item_id, annotator_id) is what guarantees an
-- annotator never judges the same item twice; UNIQUE (annotator_id, submission_key) is what makes
-- a retried submission idempotent even under concurrent retries.
CREATE TABLE platform_assignments (
    id                VARCHAR(64)   PRIMARY KEY,
    item_id           VARCHAR(64)   NOT NULL REFERENCES platform_items (id),
    annotator_id      VARCHAR(64)   NOT NULL REFERENCES platform_users (id),
    state             VARCHAR(16)   NOT NULL,
    display_order     VARCHAR(4000) NOT NULL,
    guideline_version INT           NOT NULL,
    leased_at         BIGINT        NOT NULL,
    lease_expires_at  BIGINT        NOT NULL,
    submitted_at      BIGINT,
    submission_key    VARCHAR(100),
    judgment_id       VARCHAR(200),
    payload           TEXT,
    gold_correct      BOOLEAN,
    time_spent_ms     BIGINT,
    UNIQUE (item_id, annotator_id),
    UNIQUE (annotator_id, submission_key)
);
CREATE INDEX platform_assignments_state ON platform_assignments (item_id, state);

CREATE TABLE platform_qualifications (
    project_id   VARCHAR(64) NOT NULL REFERENCES platform_projects (id),
    annotator_id VARCHAR(64) NOT NULL REFERENCES platform_users (id),
    passed       BOOLEAN     NOT NULL,
    score        DOUBLE PRECISION NOT NULL,
    decided_at   BIGINT      NOT NULL,
    PRIMARY KEY (project_id, annotator_id)
);
