import type { Locale } from "../i18n/config";
import type { Endpoint } from "./openapi";

/**
 * The API reference in the UI's language. /api/openapi.json stays English (it is read by tools and
 * developers); /api/docs shows these when the UI is in Chinese. Keyed "method path" exactly as in
 * `endpoints`; openapi-summaries.test.ts fails when an operation has no Chinese summary, so a new
 * route gets one with its description.
 */
export const zhCNSummaries: Record<string, string> = {
  "post /api/public/booking": "预约上门维修（JSON，或 multipart 并在 `photos` 中附最多 4 张故障照片）",
  "get /api/public/service-areas": "服务覆盖的城市和区县",
  "get /api/public/slots": "某一天各时段及剩余名额",
  "get /api/public/availability": "预约窗口（今天起 30 天）内每天是否还有空闲时段：可约、约满或不营业",
  "get /api/public/track/{token}/images/{imageId}": "客户可查看的照片（完工回执、自己上传的故障照片），工单完成后可用",
  "get /api/public/track/{token}": "客户查看自己的工单进度",
  "post /api/public/track/{token}/cancel": "客户取消预约（分配技师之前）",
  "get /api/tickets": "工单列表（筛选、排序、分页）",
  "get /api/tickets/counts": "当前筛选条件下各状态的工单数",
  "get /api/tickets/{id}": "单个工单，含图片和事件时间线",
  "post /api/tickets/{id}/notes": "添加内部备注：显示在员工时间线和详情的备注中，从不出现在客户进度页。记入审计",
  "post /api/tickets/{id}/confirm": "确认预约",
  "post /api/tickets/{id}/assign": "分配技师，或自动分配",
  "post /api/tickets/{id}/start": "开始上门服务",
  "post /api/tickets/{id}/images": "上传回执照片（multipart `file`）",
  "post /api/tickets/{id}/complete": "完成工单（需要回执照片）",
  "post /api/tickets/{id}/cancel": "填写原因后取消工单",
  "post /api/tickets/{id}/phone": "查看客户完整手机号（记入审计）",
  "get /api/tickets/{id}/tracking-link": "客户当前有效的进度链接",
  "post /api/tickets/{id}/tracking-link": "作废现有进度链接并生成新链接",
  "get /api/technicians": "技师列表，含服务中心、技能和近 7 天工作量；带 ticket_id 时说明谁能覆盖该工单及同时段任务",
  "get /api/files/ticket-receipt/{id}": "下载工单图片",
  "get /api/tokens": "您的 API 令牌（不含密钥）",
  "post /api/tokens":
    "创建 API 令牌（密钥仅在本次响应中出现）。仅限登录会话，不能用 API 令牌创建；`expires_in_days` 天后过期，默认且最长为 API_TOKEN_MAX_DAYS（365）",
  "delete /api/tokens/{id}": "作废您的一个令牌",
  "get /api/health": "数据库和任务驱动的状态；`proxy` 说明如何读取客户端地址（可被伪造时给出警告）",
  "get /api/openapi.json": "本文档（可读版本：/api/docs）",
  "get /api/work-order-systems/": "外部系统（Jira、Zendesk）；凭据只显示为 api_key_set / password_set",
  "post /api/work-order-systems/": "创建系统；名称已说明类型时（\"jira\"、\"zendesk\"）可省略 `type`；凭据为空表示未设置",
  "get /api/work-order-systems/{id}/": "单个系统，含计划中接下来五次运行和最近一次运行",
  "put /api/work-order-systems/{id}/": "修改所传字段；未传的凭据保持不变，传空则清除",
  "delete /api/work-order-systems/{id}/": "删除系统及其工单；其同步记录仍可在日志中查看",
  "post /api/work-order-systems/{id}/sync/": "立即同步；在 /api/sync-logs/{id}/ 跟踪运行情况",
  "post /api/work-order-systems/sync_all/": "同步所有启用的系统",
  "post /api/work-order-systems/{id}/test_connection/": "用已保存的凭据调用远端系统测试连接",
  "post /api/work-order-systems/{id}/enable/": "恢复定时同步",
  "post /api/work-order-systems/{id}/disable/": "停止定时同步（手动同步仍可用）",
  "get /api/work-orders/": "各系统工单的统一列表（include_deleted=true 时含已删除）",
  "get /api/work-orders/{id}/": "单个工单，含描述",
  "put /api/work-orders/{id}/": "修改本地字段：备注、本地负责人、标签（同步不会覆盖）",
  "get /api/work-orders/{id}/status_options/": "远端系统当前允许该工单变更到的状态",
  "post /api/work-orders/{id}/update_external/": "向远端推送状态和/或评论；记为一次 `manual` 同步运行",
  "get /api/work-orders/statistics/": "按系统、状态、优先级统计；已逾期；3 天内到期",
  "get /api/work-orders/overdue/": "已过截止日期的未完成工单",
  "get /api/work-orders/upcoming_deadline/": "`days` 天内（默认 7 天）到期的未完成工单",
  "get /api/sync-logs/": "所有同步运行，最新的在前",
  "get /api/sync-logs/{id}/": "单次运行（运行中可轮询）",
  "get /api/sync-logs/statistics/": "成功率和平均耗时：总体、按系统、按同步类型",
  "get /api/sync-logs/recent_failures/": "失败和部分成功的运行，最新的在前",
  "get /api/sync-logs/performance_analysis/": "按系统：运行次数、p50/p95 耗时、每秒记录数、按天趋势",
  "get /api/haier/logs/": "种子文档 002 的供应商日志视图：最新 `limit` 条运行（count 为返回条数）",
  "get /api/projects": "已缓存的项目及其缓存状态（新鲜 / 即将过期 / 已过期），可筛选、分页",
  "get /api/projects/{id}":
    "单个项目，优先读缓存（种子文档 003）：带链接的 `token`，或以 projects.read 登录（附 `status_history`）。`force_sync=true` 向项目库请求（每个链接有次数限制）；项目库不可用时返回已保存的副本并带 `stale: true`",
  "get /api/projects/{id}/verify-access": "链接令牌能否打开该项目（种子文档 003）：{ has_access, user_id, user_name, access_type }",
  "get /api/projects/{id}/tokens": "项目的访问链接（有效、过期、已作废），最新的在前",
  "post /api/projects/{id}/tokens": "为项目中的某人创建链接（ttl_days 天后过期，默认 PROJECT_LINK_TTL_DAYS）",
  "delete /api/projects/{id}/tokens/{jti}": "作废链接（此后无法再打开任何内容）",
  "post /api/projects/sync": "立即从项目库同步并等待结果（种子文档 003）：数量、耗时和状态变化",
  "get /api/projects/sync-history": "项目同步和缓存清理记录，最新的在前（种子文档 003）",
  "get /api/config/project-sync": "项目同步配置、上次同步时间和接下来五次运行时间",
  "post /api/config/project-sync": "保存项目同步设置（未传字段保持原值）；无效的 cron 返回 422 并说明原因",
  "get /api/config/time-display": "项目时间的显示方式：各类型的格式、时区、是否显示付款时间",
  "post /api/config/time-display": "保存时间显示配置（仅接受已知的格式符号和真实的 IANA 时区）",
  "get /api/config/notification-channels": "企业微信、短信和邮件设置；密钥只显示是否已设置",
  "put /api/config/notification-channels": "保存渠道设置（未传的渠道或字段不变；密钥只写不读）。记入审计",
  "post /api/config/notification-channels/{channel}/test": "用已保存的设置发送一条测试消息；响应中带服务商的原始回复",
  "get /api/notification-templates": "所有模板（事件 × 渠道 × 语言），含占位符、开关和默认内容",
  "put /api/notification-templates/{id}": "保存模板文本或短信模板编号，开关事件，或恢复默认",
  "post /api/notification-templates/preview": "用示例值渲染模板文本，给出长度和问题（不保存）",
  "get /api/notifications": "所有消息，最新的在前，附各状态数量",
  "get /api/notifications/{id}": "单条消息：收件人（脱敏）、状态、尝试次数、最近错误、渲染后的文本",
  "post /api/notifications/{id}/retry": "将失败、放弃或未发送的消息重新排队并立即发送",
};

/** Section headings of the reference, by the English tag in `endpoints`. */
export const zhCNTags: Record<string, string> = {
  Public: "公开接口",
  Tickets: "工单",
  Files: "文件",
  Account: "账户",
  System: "系统",
  "Work-order systems": "工单对接系统",
  "Work orders": "外部工单",
  "Sync logs": "同步日志",
  Projects: "项目",
  Config: "配置",
  Notifications: "通知",
};

export const endpointKey = (e: Pick<Endpoint, "method" | "path">) => `${e.method} ${e.path}`;

/** The operation's summary in `locale` (English is the document's own). */
export function localizedSummary(e: Endpoint, locale: Locale): string {
  return locale === "zh-CN" ? (zhCNSummaries[endpointKey(e)] ?? e.summary) : e.summary;
}

export function localizedTag(tag: string, locale: Locale): string {
  return locale === "zh-CN" ? (zhCNTags[tag] ?? tag) : tag;
}
