import { openDatabase, type OpenOptions } from "./client";

/** Apply every pending migration and close the connection. */
export async function migrateDatabase(options: Omit<OpenOptions, "migrate">): Promise<void> {
  const opened = await openDatabase({ ...options, migrate: true, poolSize: 1 });
  await opened.close();
}
