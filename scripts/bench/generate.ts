/**
 * Bulk data for the ticket benchmark, generated inside PostgreSQL: a few `INSERT … SELECT … FROM
 * generate_series` statements, never a row at a time from Node. Attributes come from small arrays
 * (sample-data.ts) indexed by a hash of the row number, so every run produces the same distribution.
 */
import { createHash, randomBytes } from "node:crypto";
import type { Sql } from "postgres";
import { applianceTypes, timeSlots } from "@/lib/tickets/enums";
import { addDays } from "@/lib/tickets/slots";
import {
  applianceModels,
  cancelReasons,
  centers,
  CODE_ALPHABET,
  compounds,
  givenNames,
  issueDescriptions,
  phonePrefixes,
  streets,
  surnames,
  TECHNICIANS_PER_CENTER,
} from "./sample-data";

/** Appointment dates cover this many days: ~2 years back up to the 30-day booking window ahead. */
export const HISTORY_DAYS = 730;
const FUTURE_DAYS = 30;
/** Ticket codes are TK + yymmdd + 5 base32 characters, and the 5 characters are a bijection of the row number. */
const MAX_TICKETS = 32 ** 5;
const AREAS = centers.reduce((n, c) => n + c.districts.length, 0);

export interface GenerationSecrets {
  /** HASH_KEY of the server: phone_hash is the same HMAC lib/crypto keyedHash computes. */
  hashKey: string;
  /**
   * One AES-GCM ciphertext (lib/crypto encryptSecret, the server's ENCRYPTION_KEY) stored in every
   * generated row's phone_encrypted. Encrypting a million phones one by one in Node would dominate the
   * generation time and nothing in the benchmark decrypts them; revealing a generated ticket's phone
   * shows this one number, not the masked one.
   */
  phoneCiphertext: string;
}

export interface Phase {
  name: string;
  rows: number;
  ms: number;
}

export interface GenerationReport {
  tickets: number;
  centers: number;
  serviceAreas: number;
  technicians: number;
  users: number;
  phases: Phase[];
  /** INSERT … SELECT of the tickets alone (secondary indexes dropped meanwhile). */
  ticketInsertMs: number;
  ticketInsertRowsPerSec: number;
  /** Re-creating the tickets table's secondary indexes (incl. the keyword grams GIN index) after the load. */
  indexBuildMs: number;
  vacuumAnalyzeMs: number;
  /** Everything from the first INSERT to the end of VACUUM ANALYZE. */
  totalMs: number;
  /** Tickets per second over totalMs: the honest "how fast can we get a realistic 1M-ticket table" figure. */
  overallTicketsPerSec: number;
  tableSizeMB: number;
  indexesSizeMB: number;
  today: string;
  dateRange: { from: string; to: string };
}

const lit = (s: string) => `'${s.replaceAll("'", "''")}'`;
const arr = (values: readonly string[]) => `(ARRAY[${values.map(lit).join(",")}]::text[])`;
/** A pseudo-random integer in [0, n) for row g.i; each salt gives an independent attribute. */
const h = (salt: number, n: number) => `((hashint8(g.i * 64 + ${salt})::bigint + 2147483648) % ${n})`;
const pick = (values: readonly string[], salt: number) => `${arr(values)}[(1 + ${h(salt, values.length)})::int]`;
const codeChar = (shift: number) => `substr(${lit(CODE_ALPHABET)}, (((x.code_n >> ${shift}) & 31) + 1)::int, 1)`;

/** HMAC-SHA256 split into its two padded keys, so PostgreSQL's sha256() can compute it: H(K^opad || H(K^ipad || m)). */
function hmacPads(key: string): { ipad: Buffer; opad: Buffer } {
  let k = Buffer.from(key, "utf8");
  if (k.length > 64) k = createHash("sha256").update(k).digest();
  const block = Buffer.alloc(64);
  k.copy(block);
  return { ipad: Buffer.from(block.map((b) => b ^ 0x36)), opad: Buffer.from(block.map((b) => b ^ 0x5c)) };
}

/** The same HMAC as lib/crypto keyedHash(value, "phone"), as SQL over a text expression. */
const phoneHashSql = (phoneExpr: string, ipadParam: string, opadParam: string) =>
  `encode(sha256(${opadParam}::bytea || sha256(${ipadParam}::bytea || convert_to('phone:' || ${phoneExpr}, 'UTF8'))), 'hex')`;

/**
 * Status by appointment date, roughly what a live system holds: the future is booked/confirmed/assigned,
 * today is in progress, the past is mostly completed or canceled with a few stragglers never closed.
 */
const statusSql = `case
  when x.appointment_date > $5::date then case when x.r < 30 then 'BOOKED' when x.r < 55 then 'CONFIRMED' when x.r < 90 then 'ASSIGNED' else 'CANCELED' end
  when x.appointment_date = $5::date then case when x.r < 10 then 'BOOKED' when x.r < 20 then 'CONFIRMED' when x.r < 50 then 'ASSIGNED' when x.r < 75 then 'IN_PROGRESS' when x.r < 90 then 'COMPLETED' else 'CANCELED' end
  else case when x.r < 1 then 'BOOKED' when x.r < 2 then 'CONFIRMED' when x.r < 6 then 'ASSIGNED' when x.r < 9 then 'IN_PROGRESS' when x.r < 90 then 'COMPLETED' else 'CANCELED' end
end`;

/**
 * Tickets $1..$2 of $3. Appointment days grow with the row number (tickets are inserted roughly in the
 * order they were created, as in production, so the heap is correlated with created_at); created_at is
 * 1–14 days before the appointment, never in the future.
 * Params: $1 lo, $2 hi, $3 total, $4 first appointment day, $5 today, $6 time zone, $7 ipad, $8 opad, $9 ciphertext.
 */
const ticketsInsertSql = `
with areas as (
  select (row_number() over (order by sa.city, sa.district) - 1)::int as ai, sa.city, sa.district, sa.center_id
  from service_areas sa
), techs as (
  select id, center_id, (row_number() over (partition by center_id order by name, id) - 1)::int as ti
  from technicians where active
), x as (
  select g.i,
    ($4::date + (g.i * ${HISTORY_DAYS + FUTURE_DAYS} / $3::bigint)::int) as appointment_date,
    ${h(1, 100)} as r,
    (1 + ${h(2, 14)})::int as lead_days,
    ${h(3, 86400)}::int as created_secs,
    ${h(4, 3 * 86400)}::int as back_secs,
    ${pick(surnames, 5)} || ${pick(givenNames, 6)} as customer_name,
    ${pick(phonePrefixes, 7)} || lpad(${h(8, 100_000_000)}::text, 8, '0') as phone,
    ${h(9, AREAS)}::int as ai,
    ${pick(streets, 10)} || (1 + ${h(11, 888)})::text || '号' || ${pick(compounds, 12)}
      || (1 + ${h(13, 12)})::text || '栋' || (1 + ${h(14, 32)})::text || lpad((1 + ${h(15, 4)})::text, 2, '0') as address,
    ${pick(applianceTypes, 16)} as appliance_type,
    case when ${h(17, 5)} = 0 then null else ${pick(applianceModels, 18)} end as appliance_model,
    ${pick(issueDescriptions, 19)} as issue_desc,
    ${pick(timeSlots, 20)} as slot,
    ${h(21, TECHNICIANS_PER_CENTER)}::int as tech_pick,
    ${pick(cancelReasons, 22)} as cancel_reason,
    case when ${h(23, 3)} = 0 then 'staff' else 'customer' end as canceled_by,
    (g.i * 2654435761) & ${MAX_TICKETS - 1} as code_n
  from generate_series($1::bigint, $2::bigint) as g(i)
), y as (
  select x.*, a.city, a.district, a.center_id,
    case when c.cand > now() then now() - make_interval(secs => x.back_secs) else c.cand end as created_at,
    ${statusSql} as status,
    ${codeChar(20)} || ${codeChar(15)} || ${codeChar(10)} || ${codeChar(5)} || ${codeChar(0)} as code_tail
  from x
  join areas a on a.ai = x.ai
  cross join lateral (
    select ((x.appointment_date - x.lead_days)::timestamp + make_interval(secs => x.created_secs)) at time zone $6::text as cand
  ) c
), z as (
  select y.*, t.id as tech_id,
    case when y.status in ('CONFIRMED','ASSIGNED','IN_PROGRESS','COMPLETED') then least(now(), y.created_at + interval '25 minutes') end as confirmed_at,
    case when y.status in ('ASSIGNED','IN_PROGRESS','COMPLETED') then least(now(), y.created_at + interval '3 hours') end as assigned_at,
    case when y.status in ('IN_PROGRESS','COMPLETED') then least(now(), (y.appointment_date + left(y.slot, 5)::time) at time zone $6::text) end as started_at,
    case when y.status = 'COMPLETED' then least(now(), (y.appointment_date + left(y.slot, 5)::time + interval '100 minutes') at time zone $6::text) end as completed_at,
    case when y.status = 'CANCELED' then least(now(), y.created_at + interval '6 hours') end as canceled_at
  from y
  left join techs t on t.center_id = y.center_id and t.ti = y.tech_pick
)
insert into tickets (
  id, code, customer_name, phone_hash, phone_encrypted, phone_masked, phone_last4, city, district, address, center_id,
  appliance_type, appliance_model, issue_desc, appointment_date, appointment_slot, status, technician_id, version,
  cancel_reason, canceled_by, created_at, updated_at, confirmed_at, assigned_at, started_at, completed_at, canceled_at
)
select
  gen_random_uuid(),
  -- TK + yymmdd of the creation day + 5 characters; unique because code_n is a bijection of the row number
  'TK' || to_char(z.created_at at time zone $6::text, 'YYMMDD') || z.code_tail,
  z.customer_name,
  ${phoneHashSql("z.phone", "$7", "$8")},
  $9::text,
  left(z.phone, 3) || '****' || right(z.phone, 4),
  right(z.phone, 4),
  z.city, z.district, z.address, z.center_id, z.appliance_type, z.appliance_model, z.issue_desc,
  z.appointment_date, z.slot, z.status,
  case when z.status in ('ASSIGNED','IN_PROGRESS','COMPLETED') then z.tech_id end,
  case z.status when 'BOOKED' then 1 when 'CONFIRMED' then 2 when 'ASSIGNED' then 3 when 'IN_PROGRESS' then 4 when 'COMPLETED' then 6 else 2 end,
  case when z.status = 'CANCELED' then z.cancel_reason end,
  case when z.status = 'CANCELED' then z.canceled_by end,
  z.created_at,
  greatest(z.created_at, z.confirmed_at, z.assigned_at, z.started_at, z.completed_at, z.canceled_at),
  z.confirmed_at, z.assigned_at, z.started_at, z.completed_at, z.canceled_at
from z`;

async function timed<T>(phases: Phase[], name: string, rows: number, fn: () => Promise<T>): Promise<T> {
  const started = performance.now();
  const result = await fn();
  const ms = performance.now() - started;
  phases.push({ name, rows, ms: Math.round(ms) });
  console.log(
    `  ${name.padEnd(44)} ${rows ? `${rows.toLocaleString("en-US").padStart(10)} rows ` : "".padStart(16)}${(ms / 1000).toFixed(1).padStart(7)} s`,
  );
  return result;
}

interface SecondaryIndex {
  name: string;
  def: string;
}

/** Plain (non-constraint) indexes of a table, as CREATE INDEX statements. */
async function secondaryIndexes(sql: Sql, table: string): Promise<SecondaryIndex[]> {
  return sql<SecondaryIndex[]>`
    select i.relname as name, pg_get_indexdef(i.oid) as def
    from pg_index x join pg_class i on i.oid = x.indexrelid
    where x.indrelid = ${table}::regclass
      and not exists (select 1 from pg_constraint c where c.conindid = i.oid)
    order by i.relname`;
}

/**
 * Fills a freshly migrated database. `sql` must be a single-connection client (session settings).
 * `today` is the service's local date (APP_TIMEZONE).
 */
export async function generateData(
  sql: Sql,
  opts: { tickets: number; chunk: number; maintenanceWorkMem: string; today: string; timeZone: string },
  secrets: GenerationSecrets,
): Promise<GenerationReport> {
  if (opts.tickets > MAX_TICKETS)
    throw new Error(`At most ${MAX_TICKETS.toLocaleString("en-US")} tickets (unique codes)`);
  const phases: Phase[] = [];
  const started = performance.now();
  await sql`set synchronous_commit = off`;
  // The generating statements are one huge expression list: JIT-compiling it costs seconds per statement.
  await sql`set jit = off`;
  await sql.unsafe(`set maintenance_work_mem = ${lit(opts.maintenanceWorkMem)}`);

  const centerRows = centers.map((c) => ({ name: c.name, phone: c.phone }));
  const inserted = await timed(phases, "service_centers", centerRows.length, () =>
    sql.unsafe<{ id: string; name: string }[]>(
      `insert into service_centers (name, phone)
       select name, phone from json_to_recordset($1::text::json) as r(name text, phone text) returning id, name`,
      [JSON.stringify(centerRows)],
    ),
  );
  const idByName = new Map(inserted.map((r) => [r.name, r.id]));
  const areaRows = centers.flatMap((c) =>
    c.districts.map((district) => ({ center_id: idByName.get(c.name)!, city: c.city, district })),
  );
  await timed(phases, "service_areas", areaRows.length, () =>
    sql.unsafe(
      `insert into service_areas (center_id, city, district)
       select center_id, city, district from json_to_recordset($1::text::json) as r(center_id uuid, city text, district text)`,
      [JSON.stringify(areaRows)],
    ),
  );

  const technicianCount = centers.length * TECHNICIANS_PER_CENTER;
  await timed(phases, "technicians", technicianCount, () =>
    sql.unsafe(
      `with c as (select id, (row_number() over (order by name) - 1)::int as ci from service_centers)
       insert into technicians (name, phone_encrypted, phone_masked, center_id, skills, active)
       select ${arr(surnames)}[(1 + (g.i * 7) % ${surnames.length})::int] || ${arr(givenNames)}[(1 + (g.i * 11) % ${givenNames.length})::int],
              $1::text,
              '139****' || lpad(((g.i * 7919) % 10000)::text, 4, '0'),
              c.id,
              '["integrated_stove","range_hood","gas_stove"]'::jsonb,
              true
       from generate_series(0, ${technicianCount - 1}) as g(i)
       join c on c.ci = g.i / ${TECHNICIANS_PER_CENTER}`,
      [secrets.phoneCiphertext],
    ),
  );

  // Staff: one per role. They never sign in (the password hash is a placeholder that verifies nothing);
  // the benchmark authenticates with an API token of the admin (createBenchToken).
  const roles = ["admin", "agent", "ops_manager", "technician"] as const;
  const userRows = roles.map((role) => ({
    email: `${role}@bench.servicehub.local`,
    name: `Bench ${role}`,
    password_hash: "$argon2id$bench-placeholder-no-sign-in",
    role,
  }));
  await timed(phases, "users", userRows.length, async () => {
    const users = await sql.unsafe<{ id: string; role: string }[]>(
      `insert into users (email, name, password_hash, role)
       select email, name, password_hash, role
       from json_to_recordset($1::text::json) as r(email text, name text, password_hash text, role text)
       returning id, role`,
      [JSON.stringify(userRows)],
    );
    const techUser = users.find((u) => u.role === "technician")!;
    await sql`update technicians set user_id = ${techUser.id}
              where id = (select id from technicians order by center_id, name, id limit 1)`;
  });

  // Secondary indexes (the keyword grams GIN index above all) are far cheaper to build once than to maintain
  // row by row: drop them for the load and re-create them from their own definitions afterwards.
  const indexes = await secondaryIndexes(sql, "tickets");
  for (const ix of indexes) await sql.unsafe(`drop index "${ix.name.replaceAll('"', '""')}"`);
  const firstDay = addDays(opts.today, -(HISTORY_DAYS - 1));
  let ticketInsertMs = 0;
  let indexBuildMs = 0;
  try {
    // Foreign keys are satisfied by construction (joins above); skip their per-row trigger checks.
    const replica = await sql`set session_replication_role = replica`.then(
      () => true,
      (e: Error) => {
        console.warn(`  (could not skip FK triggers: ${e.message}; loading with them)`);
        return false;
      },
    );
    const { ipad, opad } = hmacPads(secrets.hashKey);
    const insertStarted = performance.now();
    for (let lo = 0; lo < opts.tickets; lo += opts.chunk) {
      const hi = Math.min(opts.tickets, lo + opts.chunk) - 1;
      await timed(phases, `tickets ${lo.toLocaleString("en-US")}–${hi.toLocaleString("en-US")}`, hi - lo + 1, () =>
        sql.unsafe(ticketsInsertSql, [
          lo,
          hi,
          opts.tickets,
          firstDay,
          opts.today,
          opts.timeZone,
          ipad,
          opad,
          secrets.phoneCiphertext,
        ]),
      );
    }
    ticketInsertMs = performance.now() - insertStarted;
    if (replica) await sql`reset session_replication_role`;
  } finally {
    const indexStarted = performance.now();
    for (const ix of indexes) await timed(phases, `index ${ix.name}`, 0, () => sql.unsafe(ix.def));
    indexBuildMs = performance.now() - indexStarted;
  }

  const vacuumStarted = performance.now();
  // VACUUM as well as ANALYZE: sets the visibility map, as autovacuum would have long since done on a
  // table this old, so index-only scans (count(*)) behave as in production.
  await timed(phases, "vacuum (analyze) tickets", 0, () => sql`vacuum (analyze) tickets`);
  await timed(phases, "analyze (all tables)", 0, () => sql`analyze`);
  const vacuumAnalyzeMs = performance.now() - vacuumStarted;
  const totalMs = performance.now() - started;
  // Flush the load's dirty pages now rather than in a checkpoint in the middle of a measurement.
  await sql`checkpoint`.catch(() => {});

  const [sizes] = await sql<{ table_mb: number; indexes_mb: number }[]>`
    select round(pg_table_size('tickets') / 1048576.0, 1)::float8 as table_mb,
           round(pg_indexes_size('tickets') / 1048576.0, 1)::float8 as indexes_mb`;
  return {
    tickets: opts.tickets,
    centers: centers.length,
    serviceAreas: areaRows.length,
    technicians: technicianCount,
    users: userRows.length,
    phases,
    ticketInsertMs: Math.round(ticketInsertMs),
    ticketInsertRowsPerSec: Math.round(opts.tickets / (ticketInsertMs / 1000)),
    indexBuildMs: Math.round(indexBuildMs),
    vacuumAnalyzeMs: Math.round(vacuumAnalyzeMs),
    totalMs: Math.round(totalMs),
    overallTicketsPerSec: Math.round(opts.tickets / (totalMs / 1000)),
    tableSizeMB: sizes!.table_mb,
    indexesSizeMB: sizes!.indexes_mb,
    today: opts.today,
    dateRange: { from: firstDay, to: addDays(opts.today, FUTURE_DAYS) },
  };
}

/** A new admin API token, stored as lib/auth/api-tokens stores them (sha256 of `shk_…`). */
export async function createBenchToken(sql: Sql): Promise<string> {
  const token = `shk_${randomBytes(32).toString("base64url")}`;
  await sql`
    insert into api_tokens (user_id, name, token_hash, token_prefix, expires_at)
    select id, 'benchmark', ${createHash("sha256").update(token).digest("hex")}, ${token.slice(0, 10)}, now() + interval '1 day'
    from users where role = 'admin' and active order by created_at limit 1`;
  return token;
}

/** Checks the SQL HMAC against the app's own keyedHash, so generated phone hashes are real lookups. */
export async function phoneHashMatches(
  sql: Sql,
  hashKey: string,
  expected: (phone: string) => string,
): Promise<boolean> {
  const phone = "13800138000";
  const { ipad, opad } = hmacPads(hashKey);
  const [row] = await sql.unsafe<{ hash: string }[]>(`select ${phoneHashSql("$1::text", "$2", "$3")} as hash`, [
    phone,
    ipad,
    opad,
  ]);
  return row?.hash === expected(phone);
}
