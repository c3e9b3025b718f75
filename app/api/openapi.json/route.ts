import { publicBaseUrl } from "@/lib/http/base-url";
import { openApiDocument } from "@/lib/http/openapi";
import { withApi } from "@/lib/http/with-api";

/** OpenAPI 3.1, generated from the handlers' own zod schemas. */
export const GET = withApi({ access: "public" }, async ({ req }) =>
  openApiDocument(publicBaseUrl(req.headers, req.url)),
);
