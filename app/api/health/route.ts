import { healthReport } from "@/lib/health";
import { withApi } from "@/lib/http/with-api";

export const GET = withApi({ access: "public" }, async ({ req }) => {
  const report = await healthReport(req.headers);
  return Response.json(report, { status: report.status === "ok" ? 200 : 503 });
});
