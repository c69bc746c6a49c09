-- Reviewer adjudication of disputed items: when annotators disagree on an item, a reviewer accepts
-- one submitted answer as the item's label. The export then uses that answer instead of the vote,
-- and records who decided and why. One decision per item: a second one is refused, not overwritten.
CREATE TABLE platform_adjudications (
    item_id          VARCHAR(64)  PRIMARY KEY REFERENCES platform_items (id),
    project_id       VARCHAR(64)  NOT NULL REFERENCES platform_projects (id),
    reviewer_id      VARCHAR(64)  NOT NULL REFERENCES platform_users (id),
    accepted_task_id VARCHAR(64)  NOT NULL REFERENCES platform_assignments (id),
    note             TEXT,
    decided_at       BIGINT       NOT NULL
);
CREATE INDEX platform_adjudications_project ON platform_adjudications (project_id);
