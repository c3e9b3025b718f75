"use client";

import { useQueryClient } from "@tanstack/react-query";
import { useTranslations } from "next-intl";
import { useRouter } from "next/navigation";
import { startTransition, useActionState, useEffect, useRef, useState } from "react";
import { queryKeys } from "@/components/api/query-keys";
import { DayPicker } from "@/components/booking/day-picker";
import { useErrorMessage } from "@/components/api/use-error-message";
import { PhotoPicker, type PhotoItem } from "@/components/booking/photo-picker";
import type { ImageUploadRules } from "@/lib/files/image-types";
import { useAvailability, useServiceAreas, useSlots, type ServiceArea } from "@/components/booking/queries";
import { SlotPicker } from "@/components/booking/slot-picker";
import { Button } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { cn } from "@/components/ui/cn";
import { Alert, Field } from "@/components/ui/field";
import { normalizeMainlandMobile } from "@/lib/tickets/phone";
import { applianceTypes } from "@/lib/tickets/enums";
import { submitBookingAction, type BookingActionState } from "./actions";

export interface BookingFormProps {
  /** Today and the last bookable day, YYYY-MM-DD in the service's time zone (computed by the server). */
  today: string;
  maxDate: string;
  windowDays: number;
  timeZone: string;
  maxPhotos: number;
  maxPhotoMb: number;
  /** The server's allowed image types and size (lib/files/images.ts imageUploadRules). */
  photoRules: ImageUploadRules;
  initialAreas?: ServiceArea[];
}

const textFields = [
  "customer_name",
  "phone",
  "city",
  "district",
  "address",
  "appliance_type",
  "appliance_model",
  "issue_desc",
  "appointment_date",
  "appointment_slot",
] as const;
type TextField = (typeof textFields)[number];
type FieldName = TextField | "photos";
type Values = Record<TextField, string>;
type Errors = Partial<Record<FieldName, string>>;

const knownFields = new Set<string>([...textFields, "photos"]);
const isFieldName = (path: string): path is FieldName => knownFields.has(path);
const emptyValues = Object.fromEntries(textFields.map((f) => [f, ""])) as Values;

const ISSUE_MAX = 1000;

/** crypto.randomUUID needs a secure context; a phone testing over plain http on the LAN still gets a random key. */
function newIdempotencyKey(): string {
  if (typeof crypto.randomUUID === "function") return crypto.randomUUID();
  return Array.from(crypto.getRandomValues(new Uint8Array(16)), (b) => b.toString(16).padStart(2, "0")).join("");
}

export function BookingForm({
  today,
  maxDate,
  windowDays,
  timeZone,
  maxPhotos,
  maxPhotoMb,
  photoRules,
  initialAreas,
}: BookingFormProps) {
  const t = useTranslations("booking");
  const tc = useTranslations("common");
  const describeError = useErrorMessage();
  const queryClient = useQueryClient();
  const router = useRouter();
  const [values, setValues] = useState<Values>(emptyValues);
  const [photos, setPhotos] = useState<PhotoItem[]>([]);
  const [errors, setErrors] = useState<Errors>({});
  // "summary" points at the field errors and goes away once they are fixed; text is any other problem.
  const [alert, setAlert] = useState<{ summary: true } | { text: string } | null>(null);
  const [focusRequest, setFocusRequest] = useState(0);
  const form = useRef<HTMLFormElement>(null);
  // One key per form: a double tap, or a resubmission after a lost answer, books one ticket.
  const idempotencyKey = useRef<string | null>(null);

  const areas = useServiceAreas(initialAreas);
  const districts = areas.data?.find((a) => a.city === values.city)?.districts ?? [];
  const date = values.appointment_date;
  const dateInRange = date !== "" && date >= today && date <= maxDate;
  const slotsReady = Boolean(values.city && values.district && dateInRange);
  const slots = useSlots(values.city, values.district, slotsReady ? date : "", timeZone);
  const slotsKey = queryKeys.publicSlots(values.city, values.district, date);
  const availability = useAvailability(values.city, values.district);
  const availabilityKey = queryKeys.publicAvailability(values.city, values.district);

  const fieldMessage = (path: FieldName) =>
    path === "appointment_date"
      ? t("errors.appointment_date", { days: windowDays })
      : path === "photos"
        ? t("errors.photos")
        : t(`errors.${path}`);

  function handleFailure(error: Extract<BookingActionState, { ok: false }>["error"]) {
    const next: Errors = {};
    let text: string | null;
    switch (error.code) {
      case "slot_full":
        next.appointment_slot = t("errors.slotFull");
        text = t("errors.slotFull");
        setValues((v) => ({ ...v, appointment_slot: "" }));
        void queryClient.invalidateQueries({ queryKey: slotsKey });
        void queryClient.invalidateQueries({ queryKey: availabilityKey });
        break;
      case "rate_limited":
        text =
          Number(error.details?.retry_after_seconds) >= 86_400
            ? t("errors.rateLimitedPhone")
            : t("errors.rateLimitedIp");
        break;
      case "payload_too_large":
        next.photos = t("errors.photoTooLarge", { mb: maxPhotoMb });
        text = null;
        break;
      case "conflict":
        idempotencyKey.current = null;
        text = t("errors.conflict");
        break;
      case "network":
        text = t("errors.network");
        break;
      default: {
        // Known fields get our own words next to them; anything else gets the shared localized sentence
        // for its code (lib/i18n/error-messages), never the server's English text.
        let unknownField = false;
        for (const f of error.fields ?? []) {
          const path = f.path.split(".")[0] ?? "";
          if (isFieldName(path)) next[path] ??= fieldMessage(path);
          else unknownField = true;
        }
        if (next.appointment_slot || next.appointment_date) {
          void queryClient.invalidateQueries({ queryKey: slotsKey });
          void queryClient.invalidateQueries({ queryKey: availabilityKey });
        }
        if (next.city || next.district) void queryClient.invalidateQueries({ queryKey: queryKeys.publicAreas });
        text = !unknownField && Object.keys(next).length ? null : describeError(error);
      }
    }
    setErrors(next);
    setAlert(text === null ? { summary: true } : { text });
    setFocusRequest((n) => n + 1);
  }

  const [state, dispatch, pending] = useActionState<BookingActionState, FormData>(async (_prev, data) => {
    let result: BookingActionState;
    try {
      result = await submitBookingAction(null, data);
    } catch {
      // The request or its answer was lost; the same key makes resubmitting safe.
      result = { ok: false, error: { code: "network", message: "" } };
    }
    if (result && !result.ok) handleFailure(result.error);
    // The success lives at the ticket's own address (its tracking page, with the "booked" banner), so a
    // reload, a lost tab or a shared screen shows the same ticket code; the form keeps nothing of it.
    if (result?.ok)
      router.replace(`/track/${result.data.tracking_token}?booked=${result.data.replayed ? "again" : "new"}`);
    return result;
  }, null);

  // After a failed submit, take the customer to the first field to fix.
  useEffect(() => {
    if (!focusRequest || !form.current) return;
    const target = form.current.querySelector<HTMLElement>('[aria-invalid="true"], [data-invalid="true"]');
    if (!target) return;
    const focusable =
      target instanceof HTMLFieldSetElement
        ? target.querySelector<HTMLElement>("input:not(:disabled):not([tabindex='-1']), button:not(:disabled)")
        : target;
    target.scrollIntoView({ block: "center", behavior: "smooth" });
    focusable?.focus({ preventScroll: true });
  }, [focusRequest]);

  const booked = state?.ok === true;

  function set(field: TextField, value: string, reset: Partial<Values> = {}) {
    setValues((v) => ({ ...v, [field]: value, ...reset }));
    if (errors[field]) setErrors(({ [field]: _gone, ...rest }) => rest);
  }

  function validate(): Errors {
    const found: Errors = {};
    const v = values;
    if (!v.customer_name.trim()) found.customer_name = fieldMessage("customer_name");
    if (normalizeMainlandMobile(v.phone) === null) found.phone = fieldMessage("phone");
    if (!v.city) found.city = fieldMessage("city");
    if (!v.district) found.district = fieldMessage("district");
    if (!v.address.trim()) found.address = fieldMessage("address");
    if (!v.appliance_type) found.appliance_type = fieldMessage("appliance_type");
    if (!v.issue_desc.trim()) found.issue_desc = fieldMessage("issue_desc");
    if (!dateInRange) found.appointment_date = fieldMessage("appointment_date");
    const picked = slots.data?.slots.find((s) => s.slot === v.appointment_slot);
    if (!picked?.available) found.appointment_slot = fieldMessage("appointment_slot");
    return found;
  }

  function onSubmit(e: React.FormEvent<HTMLFormElement>) {
    e.preventDefault();
    if (pending || booked) return;
    const found = validate();
    setErrors(found);
    if (Object.keys(found).length) {
      setAlert({ summary: true });
      setFocusRequest((n) => n + 1);
      return;
    }
    setAlert(null);
    idempotencyKey.current ??= newIdempotencyKey();
    const data = new FormData();
    for (const field of textFields) data.set(field, values[field]);
    for (const p of photos) data.append("photos", p.file, p.file.name);
    data.set("idempotency_key", idempotencyKey.current);
    startTransition(() => dispatch(data));
  }

  const optional = <span className="font-normal text-slate-500">({t("optional")})</span>;
  const dateError = errors.appointment_date ?? (date && !dateInRange ? fieldMessage("appointment_date") : undefined);

  return (
    <form ref={form} onSubmit={onSubmit} noValidate className="space-y-4" aria-busy={pending || undefined}>
      <p className="-mt-2.5 text-sm text-slate-600">{t("intro")}</p>
      <Section title={t("sections.contact")}>
        <Field label={t("fields.name")} required error={errors.customer_name}>
          {(p) => (
            <input
              {...p}
              name="customer_name"
              autoComplete="name"
              maxLength={50}
              required
              placeholder={t("fields.namePlaceholder")}
              value={values.customer_name}
              onChange={(e) => set("customer_name", e.target.value)}
            />
          )}
        </Field>
        <Field label={t("fields.phone")} required error={errors.phone} hint={t("fields.phoneHint")}>
          {(p) => (
            <input
              {...p}
              name="phone"
              type="tel"
              inputMode="tel"
              autoComplete="tel-national"
              maxLength={20}
              required
              placeholder={t("fields.phonePlaceholder")}
              value={values.phone}
              onChange={(e) => set("phone", e.target.value)}
              onBlur={() => {
                if (values.phone.trim() && normalizeMainlandMobile(values.phone) === null)
                  setErrors((er) => ({ ...er, phone: fieldMessage("phone") }));
              }}
            />
          )}
        </Field>
      </Section>

      <Section title={t("sections.address")}>
        <div className="grid grid-cols-2 gap-3">
          <Field label={t("fields.city")} required error={errors.city}>
            {(p) => (
              <select
                {...p}
                className={cn(p.className, "min-h-11")}
                name="city"
                required
                disabled={!areas.data?.length}
                value={values.city}
                onChange={(e) => set("city", e.target.value, { district: "", appointment_date: "", appointment_slot: "" })}
              >
                <option value="" disabled>
                  {t("fields.cityPlaceholder")}
                </option>
                {areas.data?.map((a) => (
                  <option key={a.city} value={a.city}>
                    {a.city}
                  </option>
                ))}
              </select>
            )}
          </Field>
          <Field label={t("fields.district")} required error={errors.district}>
            {(p) => (
              <select
                {...p}
                className={cn(p.className, "min-h-11")}
                name="district"
                required
                disabled={!values.city}
                value={values.district}
                onChange={(e) => set("district", e.target.value, { appointment_date: "", appointment_slot: "" })}
              >
                <option value="" disabled>
                  {values.city ? t("fields.districtPlaceholder") : t("fields.districtFirst")}
                </option>
                {districts.map((d) => (
                  <option key={d} value={d}>
                    {d}
                  </option>
                ))}
              </select>
            )}
          </Field>
        </div>
        <div aria-live="polite" className="empty:hidden">
          {areas.isPending && <p className="text-sm text-slate-500">{t("areas.loading")}</p>}
          {areas.isError && (
            <div className="flex flex-wrap items-center justify-between gap-2 rounded-lg bg-red-50 px-3 py-2 text-sm text-red-800 ring-1 ring-inset ring-red-200">
              <span>{t("areas.error")}</span>
              <Button type="button" variant="secondary" className="min-h-11" onClick={() => areas.refetch()}>
                {tc("retry")}
              </Button>
            </div>
          )}
          {areas.isSuccess && areas.data.length === 0 && <Alert tone="warning">{t("areas.empty")}</Alert>}
        </div>
        <Field label={t("fields.address")} required error={errors.address}>
          {(p) => (
            <input
              {...p}
              name="address"
              autoComplete="street-address"
              maxLength={200}
              required
              placeholder={t("fields.addressPlaceholder")}
              value={values.address}
              onChange={(e) => set("address", e.target.value)}
            />
          )}
        </Field>
      </Section>

      <Section title={t("sections.appliance")}>
        <div className="grid gap-4 sm:grid-cols-2">
          <Field label={t("fields.appliance")} required error={errors.appliance_type}>
            {(p) => (
              <select
                {...p}
                className={cn(p.className, "min-h-11")}
                name="appliance_type"
                required
                value={values.appliance_type}
                onChange={(e) => set("appliance_type", e.target.value)}
              >
                <option value="" disabled>
                  {t("fields.appliancePlaceholder")}
                </option>
                {applianceTypes.map((a) => (
                  <option key={a} value={a}>
                    {tc(`appliance.${a}`)}
                  </option>
                ))}
              </select>
            )}
          </Field>
          <Field
            label={
              <>
                {t("fields.model")} {optional}
              </>
            }
            error={errors.appliance_model}
          >
            {(p) => (
              <input
                {...p}
                name="appliance_model"
                maxLength={50}
                autoCapitalize="characters"
                placeholder={t("fields.modelPlaceholder")}
                value={values.appliance_model}
                onChange={(e) => set("appliance_model", e.target.value)}
              />
            )}
          </Field>
        </div>
        <div>
          <Field label={t("fields.issue")} required error={errors.issue_desc}>
            {(p) => (
              <textarea
                {...p}
                name="issue_desc"
                rows={4}
                maxLength={ISSUE_MAX}
                required
                placeholder={t("fields.issuePlaceholder")}
                value={values.issue_desc}
                onChange={(e) => set("issue_desc", e.target.value)}
                className={cn(p.className, "resize-y")}
              />
            )}
          </Field>
          <p
            className={cn(
              "mt-1 text-right text-xs tabular-nums",
              values.issue_desc.length >= ISSUE_MAX ? "font-medium text-amber-700" : "text-slate-500",
            )}
          >
            {t("fields.issueCounter", { count: values.issue_desc.length, max: ISSUE_MAX })}
          </p>
        </div>
        <PhotoPicker
          value={photos}
          onChange={(next) => {
            setPhotos(next);
            if (errors.photos) setErrors(({ photos: _gone, ...rest }) => rest);
          }}
          max={maxPhotos}
          maxMb={maxPhotoMb}
          rules={photoRules}
          error={errors.photos}
        />
      </Section>

      <Section title={t("sections.time")}>
        <DayPicker
          query={availability}
          ready={Boolean(values.city && values.district)}
          today={today}
          maxDate={maxDate}
          windowDays={windowDays}
          value={values.appointment_date}
          onChange={(day) => set("appointment_date", day, { appointment_slot: "" })}
          error={dateError}
        />
        <SlotPicker
          query={slots}
          ready={slotsReady}
          windowDays={windowDays}
          value={values.appointment_slot}
          onChange={(slot) => set("appointment_slot", slot)}
          error={errors.appointment_slot}
        />
      </Section>

      <div className="space-y-3 pt-1">
        {alert && "text" in alert && <Alert>{alert.text}</Alert>}
        {alert && "summary" in alert && Object.keys(errors).length > 0 && <Alert>{t("errors.summary")}</Alert>}
        <Button type="submit" size="lg" className="w-full" busy={pending || booked}>
          {booked ? t("opening") : pending ? t("submitting") : t("submit")}
        </Button>
        <p className="text-xs leading-relaxed text-slate-500">{t("privacy")}</p>
      </div>
    </form>
  );
}

function Section({ title, children }: { title: string; children: React.ReactNode }) {
  return (
    <Card className="px-4 py-4 sm:px-5">
      <h2 className="mb-3 text-base font-semibold text-slate-900">{title}</h2>
      <div className="space-y-4">{children}</div>
    </Card>
  );
}
