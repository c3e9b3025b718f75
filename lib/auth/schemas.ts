import { z } from "zod";

export const createTokenBody = z.object({
  name: z.string().trim().min(1, "Give the token a name").max(100, "At most 100 characters"),
  /** 1 to API_TOKEN_MAX_DAYS (checked by the service, which reads the setting); unset → the maximum. */
  expires_in_days: z.number().int().min(1).max(3650).optional(),
});
export const tokenIdParams = z.object({ id: z.uuid({ error: "Token id must be a UUID" }) });
