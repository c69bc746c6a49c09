-- Account security and project membership.
-- disabled: a disabled account cannot log in and its sessions are ended; its judgments stay.
ALTER TABLE platform_users ADD COLUMN disabled BOOLEAN DEFAULT FALSE NOT NULL;
CREATE INDEX platform_sessions_user ON platform_sessions (user_id);

-- members_only: annotators see and get tasks from the project only when listed in
-- platform_project_members (admins and reviewers see every project). Projects that existed before
-- stay open to every annotator, as they were.
ALTER TABLE platform_projects ADD COLUMN members_only BOOLEAN DEFAULT FALSE NOT NULL;
CREATE TABLE platform_project_members (
    project_id VARCHAR(64) NOT NULL REFERENCES platform_projects (id),
    user_id    VARCHAR(64) NOT NULL REFERENCES platform_users (id),
    PRIMARY KEY (project_id, user_id)
);
CREATE INDEX platform_project_members_user ON platform_project_members (user_id);
