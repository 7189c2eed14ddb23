-- The tables, columns, enum types, sequences, constraints and indexes of the current schema, one sorted line each.
SELECT line FROM (
  SELECT 'column ' || c.table_name || '.' || c.column_name || ' ' || CASE WHEN c.data_type = 'USER-DEFINED' THEN c.udt_name ELSE c.data_type END
         || COALESCE('(' || c.character_maximum_length || ')', '') || CASE WHEN c.is_nullable = 'NO' THEN ' not null' ELSE '' END
         || COALESCE(' default ' || c.column_default, '') AS line
    FROM information_schema.columns c WHERE c.table_schema = current_schema()
  UNION ALL
  SELECT 'type ' || t.typname || ' (' || string_agg(e.enumlabel, ', ' ORDER BY e.enumsortorder) || ')'
    FROM pg_type t JOIN pg_enum e ON e.enumtypid = t.oid WHERE t.typnamespace = current_schema()::regnamespace
    GROUP BY t.typname
  UNION ALL
  SELECT 'sequence ' || s.sequence_name || ' ' || s.data_type || ' start ' || s.start_value || ' increment ' || s.increment
    FROM information_schema.sequences s WHERE s.sequence_schema = current_schema()
  UNION ALL
  SELECT 'constraint ' || r.relname || ' ' || k.conname || ' ' || pg_get_constraintdef(k.oid)
    FROM pg_constraint k JOIN pg_class r ON r.oid = k.conrelid WHERE k.connamespace = current_schema()::regnamespace
  UNION ALL
  SELECT 'index ' || replace(i.indexdef, current_schema() || '.', '')
    FROM pg_indexes i WHERE i.schemaname = current_schema()
) lines ORDER BY line
