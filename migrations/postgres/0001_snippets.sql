-- 0001: shared snippets, content-addressed by a hash of code and options.
-- PostgreSQL dialect of migrations/0001_snippets.sql: code is bytea so that
-- it is stored byte for byte, as SQLite stores it.
CREATE TABLE snippets (
    id         TEXT PRIMARY KEY,      -- 11+ base62 characters
    code       BYTEA NOT NULL,
    options    TEXT NOT NULL,         -- JSON object: {"rules": ..., "abi": ...}
    title      TEXT,
    size       INTEGER NOT NULL,      -- bytes of code
    created_at BIGINT NOT NULL        -- unix seconds
);
