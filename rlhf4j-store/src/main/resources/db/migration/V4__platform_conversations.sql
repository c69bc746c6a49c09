-- Multi-turn: a prompt that continues a conversation records who continued it and from which task,
-- so it comes back to that annotator first, and a retried submission finds the same continuation.
ALTER TABLE platform_project_prompts ADD COLUMN continued_by VARCHAR(64);
ALTER TABLE platform_project_prompts ADD COLUMN continued_from_task VARCHAR(64);
