-- Created by the PostgreSQL layer in its schema before the tables
-- (postgres_dialect.rs, SETUP): what the shared SQL calls, computing what
-- memory computes (expr/functions.rs). Idempotent.

-- Bodies name functions defined further down.
SET LOCAL check_function_bodies = off;

-- Decimals: numeric is exact; memory's nil for a division by zero, its
-- normalised text (no trailing zeros), its rounding (halves away from zero).
CREATE OR REPLACE FUNCTION dec_add(numeric, numeric) RETURNS numeric
  LANGUAGE sql IMMUTABLE PARALLEL SAFE AS 'SELECT $1 + $2';
CREATE OR REPLACE FUNCTION dec_sub(numeric, numeric) RETURNS numeric
  LANGUAGE sql IMMUTABLE PARALLEL SAFE AS 'SELECT $1 - $2';
CREATE OR REPLACE FUNCTION dec_mul(numeric, numeric) RETURNS numeric
  LANGUAGE sql IMMUTABLE PARALLEL SAFE AS 'SELECT $1 * $2';
-- rust_decimal keeps 28 fractional digits at most.
CREATE OR REPLACE FUNCTION dec_div(numeric, numeric) RETURNS numeric
  LANGUAGE sql IMMUTABLE PARALLEL SAFE
  AS 'SELECT CASE WHEN $2 = 0 THEN NULL ELSE trim_scale(round(($1 * 1.000000000000000000000000000000) / $2, 28)) END';
CREATE OR REPLACE FUNCTION dec_cmp(numeric, numeric) RETURNS integer
  LANGUAGE sql IMMUTABLE PARALLEL SAFE
  AS 'SELECT CASE WHEN $1 < $2 THEN -1 WHEN $1 > $2 THEN 1 WHEN $1 = $2 THEN 0 END';
CREATE OR REPLACE FUNCTION dec_norm(numeric) RETURNS numeric
  LANGUAGE sql IMMUTABLE PARALLEL SAFE AS 'SELECT trim_scale($1)';
CREATE OR REPLACE FUNCTION dec_round(numeric, bigint) RETURNS numeric
  LANGUAGE sql IMMUTABLE PARALLEL SAFE AS 'SELECT trim_scale(round($1, least(greatest($2, 0), 28)::integer))';
CREATE OR REPLACE FUNCTION dec_avg_final(numeric[]) RETURNS numeric
  LANGUAGE sql IMMUTABLE PARALLEL SAFE
  AS 'SELECT CASE WHEN $1[2] = 0 THEN NULL ELSE dec_div($1[1], $1[2]) END';
CREATE OR REPLACE FUNCTION dec_avg_step(numeric[], numeric) RETURNS numeric[]
  LANGUAGE sql IMMUTABLE PARALLEL SAFE
  AS 'SELECT CASE WHEN $2 IS NULL THEN $1 ELSE ARRAY[$1[1] + $2, $1[2] + 1] END';
CREATE OR REPLACE AGGREGATE dec_avg(numeric) (
  SFUNC = dec_avg_step, STYPE = numeric[], FINALFUNC = dec_avg_final, INITCOND = '{0,0}'
);
-- A float beside a decimal is read as a decimal, as memory reads it.
CREATE OR REPLACE FUNCTION dec_cmp(numeric, double precision) RETURNS integer
  LANGUAGE sql IMMUTABLE PARALLEL SAFE AS 'SELECT dec_cmp($1, $2::numeric)';
CREATE OR REPLACE FUNCTION dec_cmp(double precision, numeric) RETURNS integer
  LANGUAGE sql IMMUTABLE PARALLEL SAFE AS 'SELECT dec_cmp($1::numeric, $2)';
CREATE OR REPLACE FUNCTION dec_add(numeric, double precision) RETURNS numeric
  LANGUAGE sql IMMUTABLE PARALLEL SAFE AS 'SELECT $1 + $2::numeric';
CREATE OR REPLACE FUNCTION dec_sub(numeric, double precision) RETURNS numeric
  LANGUAGE sql IMMUTABLE PARALLEL SAFE AS 'SELECT $1 - $2::numeric';
CREATE OR REPLACE FUNCTION dec_mul(numeric, double precision) RETURNS numeric
  LANGUAGE sql IMMUTABLE PARALLEL SAFE AS 'SELECT $1 * $2::numeric';
CREATE OR REPLACE FUNCTION dec_div(numeric, double precision) RETURNS numeric
  LANGUAGE sql IMMUTABLE PARALLEL SAFE AS 'SELECT dec_div($1, $2::numeric)';
-- Floats: round(x[, places]) with halves away from zero, as memory rounds.
CREATE OR REPLACE FUNCTION float_round(double precision) RETURNS double precision
  LANGUAGE sql IMMUTABLE PARALLEL SAFE AS 'SELECT round($1::numeric)::double precision';
CREATE OR REPLACE FUNCTION float_round(double precision, bigint) RETURNS double precision
  LANGUAGE sql IMMUTABLE PARALLEL SAFE AS 'SELECT round($1::numeric, greatest($2, 0)::integer)::double precision';

-- Text: Unicode case (ICU's root locale), LIKE without escapes over the
-- whole text, in code point order whatever the arguments' collations.
CREATE OR REPLACE FUNCTION unicode_lower(text) RETURNS text
  LANGUAGE sql IMMUTABLE PARALLEL SAFE AS 'SELECT lower($1 COLLATE "und-x-icu") COLLATE "C"';
CREATE OR REPLACE FUNCTION unicode_upper(text) RETURNS text
  LANGUAGE sql IMMUTABLE PARALLEL SAFE AS 'SELECT upper($1 COLLATE "und-x-icu") COLLATE "C"';
CREATE OR REPLACE FUNCTION text_like(text, text) RETURNS boolean
  LANGUAGE sql IMMUTABLE PARALLEL SAFE AS 'SELECT ($1 COLLATE "C") LIKE ($2 COLLATE "C") ESCAPE ''''';
CREATE OR REPLACE FUNCTION text_ilike(text, text) RETURNS boolean
  LANGUAGE sql IMMUTABLE PARALLEL SAFE AS 'SELECT text_like(unicode_lower($1), unicode_lower($2))';
CREATE OR REPLACE FUNCTION text_length(text) RETURNS bigint
  LANGUAGE sql IMMUTABLE PARALLEL SAFE AS 'SELECT char_length($1)';
CREATE OR REPLACE FUNCTION text_starts_with(text, text) RETURNS boolean
  LANGUAGE sql IMMUTABLE PARALLEL SAFE AS 'SELECT left($1, char_length($2)) COLLATE "C" = $2 COLLATE "C"';
CREATE OR REPLACE FUNCTION text_ends_with(text, text) RETURNS boolean
  LANGUAGE sql IMMUTABLE PARALLEL SAFE
  AS 'SELECT CASE WHEN $2 = '''' THEN $1 IS NOT NULL ELSE right($1, char_length($2)) COLLATE "C" = $2 COLLATE "C" END';
CREATE OR REPLACE FUNCTION text_split(text, text) RETURNS jsonb
  LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
  AS 'SELECT CASE WHEN $2 = '''' THEN NULL WHEN $1 = '''' THEN ''[""]''::jsonb
      ELSE to_jsonb(string_to_array($1 COLLATE "C", $2 COLLATE "C")) END';

-- JSON as SQLite's functions read it: paths `$[0]`, `$[#-1]`, `$."a"."b"`;
-- the value extracted as text (what the shared SQL compares).
CREATE OR REPLACE FUNCTION json_valid(jsonb) RETURNS boolean
  LANGUAGE sql IMMUTABLE PARALLEL SAFE AS 'SELECT $1 IS NOT NULL';
CREATE OR REPLACE FUNCTION json_valid(text) RETURNS boolean
  LANGUAGE plpgsql IMMUTABLE PARALLEL SAFE AS $body$
BEGIN
  RETURN $1 IS NOT NULL AND $1::jsonb IS NOT NULL;
EXCEPTION WHEN others THEN
  RETURN false;
END
$body$;
CREATE OR REPLACE FUNCTION json_type(text) RETURNS text
  LANGUAGE sql IMMUTABLE PARALLEL SAFE AS 'SELECT CASE WHEN json_valid($1) THEN jsonb_typeof($1::jsonb) END';
CREATE OR REPLACE FUNCTION json_extract(text, text) RETURNS text
  LANGUAGE sql IMMUTABLE PARALLEL SAFE AS 'SELECT CASE WHEN json_valid($1) THEN json_extract($1::jsonb, $2) END';
CREATE OR REPLACE FUNCTION json_type(jsonb) RETURNS text
  LANGUAGE sql IMMUTABLE PARALLEL SAFE AS 'SELECT jsonb_typeof($1)';
CREATE OR REPLACE FUNCTION json_extract(j jsonb, path text) RETURNS text
  LANGUAGE plpgsql IMMUTABLE PARALLEL SAFE AS $body$
DECLARE
  rest text := substr(path, 2);
  parts text[] := '{}';
  m text[];
BEGIN
  IF j IS NULL OR path IS NULL OR left(path, 1) <> '$' THEN
    RETURN NULL;
  END IF;
  WHILE rest <> '' LOOP
    m := regexp_match(rest, '^\[#-([0-9]+)\]');
    IF m IS NOT NULL THEN
      parts := parts || (-(m[1]::bigint))::text;
      rest := substr(rest, char_length(m[1]) + 5);
      CONTINUE;
    END IF;
    m := regexp_match(rest, '^\[([0-9]+)\]');
    IF m IS NOT NULL THEN
      parts := parts || m[1];
      rest := substr(rest, char_length(m[1]) + 3);
      CONTINUE;
    END IF;
    m := regexp_match(rest, '^\."([^"]*)"');
    IF m IS NOT NULL THEN
      parts := parts || m[1];
      rest := substr(rest, char_length(m[1]) + 4);
      CONTINUE;
    END IF;
    RETURN NULL;
  END LOOP;
  RETURN j #>> parts;
END
$body$;

-- Datetimes (the session's time zone is UTC): memory's datetime_add,
-- nil for a nil operand, an unknown unit or a result out of range.
CREATE OR REPLACE FUNCTION dt_add(t timestamptz, n bigint, unit text) RETURNS timestamptz
  LANGUAGE plpgsql STABLE PARALLEL SAFE AS $body$
DECLARE
  r timestamptz;
BEGIN
  IF t IS NULL OR n IS NULL OR unit IS NULL THEN
    RETURN NULL;
  END IF;
  r := CASE unit
    WHEN 'microsecond' THEN t + make_interval(secs => n / 1000000.0)
    WHEN 'millisecond' THEN t + make_interval(secs => n / 1000.0)
    WHEN 'second' THEN t + make_interval(secs => n)
    WHEN 'minute' THEN t + n * interval '1 minute'
    WHEN 'hour' THEN t + n * interval '1 hour'
    WHEN 'day' THEN t + n * interval '1 day'
    WHEN 'week' THEN t + n * interval '1 week'
    WHEN 'month' THEN t + n * interval '1 month'
    WHEN 'year' THEN t + n * interval '1 year'
  END;
  -- Feb 29 becomes Mar 1 in a year that is no leap year, as in memory.
  IF unit = 'year' AND extract(month FROM t) = 2 AND extract(day FROM t) = 29 AND extract(day FROM r) = 28 THEN
    r := r + interval '1 day';
  END IF;
  RETURN r;
EXCEPTION WHEN others THEN
  RETURN NULL;
END
$body$;
CREATE OR REPLACE FUNCTION dt_sub(timestamptz, bigint, text) RETURNS timestamptz
  LANGUAGE sql STABLE PARALLEL SAFE
  AS 'SELECT CASE WHEN $2 = -9223372036854775807 - 1 THEN NULL ELSE dt_add($1, -$2, $3) END';
-- Memory's nil for a count that is no integer, and its reading of text.
CREATE OR REPLACE FUNCTION dt_add(timestamptz, double precision, text) RETURNS timestamptz
  LANGUAGE sql STABLE PARALLEL SAFE AS 'SELECT NULL::timestamptz';
CREATE OR REPLACE FUNCTION dt_sub(timestamptz, double precision, text) RETURNS timestamptz
  LANGUAGE sql STABLE PARALLEL SAFE AS 'SELECT NULL::timestamptz';
CREATE OR REPLACE FUNCTION dt_add(t text, n bigint, unit text) RETURNS timestamptz
  LANGUAGE plpgsql STABLE PARALLEL SAFE AS $body$
BEGIN
  IF t !~ '^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$' THEN
    RETURN NULL;
  END IF;
  RETURN dt_add(t::timestamptz, n, unit);
EXCEPTION WHEN others THEN
  RETURN NULL;
END
$body$;
CREATE OR REPLACE FUNCTION dt_date_add(date, bigint, text) RETURNS date
  LANGUAGE sql STABLE PARALLEL SAFE
  AS 'SELECT (dt_add($1::timestamp AT TIME ZONE ''UTC'', $2, $3) AT TIME ZONE ''UTC'')::date';
CREATE OR REPLACE FUNCTION dt_start_of_day(timestamptz) RETURNS timestamptz
  LANGUAGE sql IMMUTABLE PARALLEL SAFE
  AS 'SELECT date_trunc(''day'', $1 AT TIME ZONE ''UTC'') AT TIME ZONE ''UTC''';
CREATE OR REPLACE FUNCTION dt_start_of_day(date) RETURNS timestamptz
  LANGUAGE sql IMMUTABLE PARALLEL SAFE AS 'SELECT $1::timestamp AT TIME ZONE ''UTC''';

-- error(message): fails the statement (SQLSTATE P0001) with the message
-- memory's error carries; volatile, so that only a row reaching it runs it.
CREATE OR REPLACE FUNCTION expr_error(text) RETURNS text
  LANGUAGE plpgsql VOLATILE AS $body$
BEGIN
  RAISE EXCEPTION USING MESSAGE = 'error(..) in an expression: ' || coalesce($1, '');
END
$body$;
