import "server-only";
import fs from "node:fs/promises";
import path from "node:path";
import { getEnv } from "../env";

/**
 * Where uploaded files live. Keys are server-chosen relative paths (`tickets/<uuid>/<random>.jpg`);
 * nothing from the client ever becomes part of a path. An S3-compatible driver can implement the
 * same interface.
 */
export interface FileStorage {
  put(key: string, data: Buffer): Promise<void>;
  get(key: string): Promise<Buffer>;
  delete(key: string): Promise<void>;
}

const SAFE_KEY = /^[a-z0-9_-]+(\/[A-Za-z0-9_.-]+)+$/;

export class LocalDiskStorage implements FileStorage {
  constructor(private readonly root: string) {}

  private resolve(key: string): string {
    if (!SAFE_KEY.test(key) || key.split("/").some((p) => p === ".." || p === ".")) {
      throw new Error(`Refusing unsafe storage key ${JSON.stringify(key)}`);
    }
    const full = path.resolve(this.root, key);
    if (!full.startsWith(path.resolve(this.root) + path.sep)) throw new Error("Storage key escapes the upload root");
    return full;
  }

  async put(key: string, data: Buffer) {
    const full = this.resolve(key);
    await fs.mkdir(path.dirname(full), { recursive: true });
    // Write then rename, so a reader never sees half a file.
    const tmp = `${full}.${process.pid}.tmp`;
    await fs.writeFile(tmp, data, { mode: 0o640 });
    await fs.rename(tmp, full);
  }

  get(key: string) {
    return fs.readFile(this.resolve(key));
  }

  async delete(key: string) {
    await fs.rm(this.resolve(key), { force: true });
  }
}

export const getStorage = (): FileStorage => new LocalDiskStorage(path.resolve(getEnv().UPLOAD_ROOT));
