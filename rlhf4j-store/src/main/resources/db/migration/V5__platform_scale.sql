-- Task assignment independent of project size. Choosing an annotator's next item used to count the
-- live assignments of every item of the project on every request; now each item carries that count
-- and an index serves the choice in order, so a request reads a few rows whatever the project's size.
--
-- filled: the item's assignments in state SUBMITTED or LEASED. A lease that runs out is moved to
-- EXPIRED (and filled goes down) by the next request for work, before it chooses.
ALTER TABLE platform_items ADD COLUMN filled INT DEFAULT 0 NOT NULL;
UPDATE platform_items SET filled = (SELECT COUNT(*) FROM platform_assignments a
    WHERE a.item_id = platform_items.id AND a.state IN ('SUBMITTED', 'LEASED'));
-- The queue of one domain of a project in the order work is handed out: closest to full overlap, then oldest.
CREATE INDEX platform_items_queue ON platform_items (project_id, kind, domain, filled DESC, created_at, id);
CREATE INDEX platform_items_prompt ON platform_items (project_id, prompt_id);
CREATE INDEX platform_assignments_annotator ON platform_assignments (annotator_id, state, lease_expires_at);
CREATE INDEX platform_assignments_expiry ON platform_assignments (state, lease_expires_at);
CREATE INDEX platform_project_prompts_continued ON platform_project_prompts (project_id, continued_by);
CREATE INDEX platform_project_prompts_order ON platform_project_prompts (project_id, added_at, prompt_id);
CREATE INDEX platform_candidates_prompt ON platform_candidates (project_id, prompt_id, completion_id);

-- The domains a project's items are in: few, so the assigner walks them in the annotator's order of
-- preference instead of sorting every item by it.
CREATE TABLE platform_project_domains (
    project_id VARCHAR(64)  NOT NULL REFERENCES platform_projects (id),
    domain     VARCHAR(200) NOT NULL,
    PRIMARY KEY (project_id, domain)
);
INSERT INTO platform_project_domains (project_id, domain) SELECT DISTINCT project_id, domain FROM platform_items;
