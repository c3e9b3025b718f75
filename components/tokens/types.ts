/** A token as the tokens page shows it: never the secret, only what identifies it. */
export interface TokenRow {
  id: string;
  name: string;
  prefix: string;
  created_at: string;
  last_used_at: string | null;
  expires_at: string;
  revoked_at: string | null;
  status: "active" | "expired" | "revoked";
}

/** The answer to a successful create: the only time the secret leaves the server. */
export interface CreatedToken {
  id: string;
  name: string;
  prefix: string;
  expires_at: string;
  token: string;
}

export interface CreateTokenState {
  ok?: boolean;
  created?: CreatedToken;
  /** Which fields were refused (field path → reason code the form translates). */
  fieldErrors?: Partial<Record<"name" | "expires_in_days", string>>;
  error?: { code: string; message: string };
  /** What the user typed, so a refused form keeps it. */
  values?: { name: string; expires_in_days: string };
}
