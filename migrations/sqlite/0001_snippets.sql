-- 0001: shared snippets, content-addressed by a hash of code and options.
CREATE TABLE snippets (
    id         TEXT PRIMARY KEY,      -- 11+ base62 characters
    code       TEXT NOT NULL,
    options    TEXT NOT NULL,         -- JSON object: {"rules": ..., "abi": ...}
    title      TEXT,
    size       INTEGER NOT NULL,      -- bytes of code
    created_at INTEGER NOT NULL       -- unix seconds
) WITHOUT ROWID;
