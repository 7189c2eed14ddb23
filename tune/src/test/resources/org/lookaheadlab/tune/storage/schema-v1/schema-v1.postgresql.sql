-- The tables schema-1 JdbcStorage created on PostgreSQL (its DDL with BIGSERIAL / DOUBLE PRECISION; a pg_dump of a
-- database it created shows exactly these columns, keys and the one index). Rows: copied from schema-v1.sqlite.sql.
CREATE TABLE version_info (version_info_id INTEGER PRIMARY KEY, schema_version INTEGER NOT NULL);
CREATE TABLE studies (study_id BIGSERIAL PRIMARY KEY, study_name VARCHAR(512) NOT NULL UNIQUE, direction VARCHAR(16) NOT NULL);
CREATE TABLE trials (trial_id BIGSERIAL PRIMARY KEY, number INTEGER NOT NULL, study_id BIGINT NOT NULL REFERENCES studies(study_id), state VARCHAR(16) NOT NULL, value DOUBLE PRECISION, fail_reason TEXT, datetime_start BIGINT, datetime_complete BIGINT, UNIQUE (study_id, number));
CREATE INDEX ix_trials_study_state ON trials (study_id, state);
CREATE TABLE trial_params (trial_id BIGINT NOT NULL REFERENCES trials(trial_id), param_name VARCHAR(512) NOT NULL, param_value DOUBLE PRECISION NOT NULL, distribution_json TEXT NOT NULL, PRIMARY KEY (trial_id, param_name));
CREATE TABLE trial_intermediate_values (trial_id BIGINT NOT NULL REFERENCES trials(trial_id), step INTEGER NOT NULL, intermediate_value DOUBLE PRECISION, PRIMARY KEY (trial_id, step));
CREATE TABLE trial_user_attributes (trial_id BIGINT NOT NULL REFERENCES trials(trial_id), attr_key VARCHAR(512) NOT NULL, value_json TEXT NOT NULL, PRIMARY KEY (trial_id, attr_key));
CREATE TABLE trial_system_attributes (trial_id BIGINT NOT NULL REFERENCES trials(trial_id), attr_key VARCHAR(512) NOT NULL, value_json TEXT NOT NULL, PRIMARY KEY (trial_id, attr_key));
CREATE TABLE trial_heartbeats (trial_id BIGINT PRIMARY KEY REFERENCES trials(trial_id), heartbeat BIGINT NOT NULL);
