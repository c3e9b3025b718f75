"use server";

import { requireActionActor } from "@/lib/auth/current-actor";
import { runAction, type ActionResult } from "@/lib/http/action-result";
import { requestSync } from "@/lib/sync/engine";
import { toRunDto, type SyncRunDto } from "@/lib/sync/run-dto";
import { createSystemBody, numericIdParams, updateSystemBody } from "@/lib/sync/schemas";
import {
  createSystem,
  deleteSystem,
  setSystemActive,
  testSystemConnection,
  updateSystem,
  type SystemDto,
} from "@/lib/sync/systems";
import type { ConnectionCheck } from "@/lib/sync/types";

/**
 * The config center's external-system actions: the same schemas and services as the REST API under
 * /api/work-order-systems/, for a signed-in admin. A sync started here is a `manual` run.
 */

export async function createSystemAction(input: unknown): Promise<ActionResult<SystemDto>> {
  return runAction(async () => createSystem(createSystemBody.parse(input), await requireActionActor("integrations.manage")));
}

export async function updateSystemAction(id: number, input: unknown): Promise<ActionResult<SystemDto>> {
  return runAction(async () => {
    const actor = await requireActionActor("integrations.manage");
    return updateSystem(numericIdParams.parse({ id }).id, updateSystemBody.parse(input), actor);
  });
}

export async function deleteSystemAction(id: number): Promise<ActionResult<{ deleted: number; name: string }>> {
  return runAction(async () => {
    const actor = await requireActionActor("integrations.manage");
    return deleteSystem(numericIdParams.parse({ id }).id, actor);
  });
}

export async function setSystemActiveAction(id: number, active: boolean): Promise<ActionResult<SystemDto>> {
  return runAction(async () => {
    const actor = await requireActionActor("integrations.manage");
    return setSystemActive(numericIdParams.parse({ id }).id, active === true, actor);
  });
}

export async function syncSystemAction(id: number): Promise<ActionResult<SyncRunDto>> {
  return runAction(async () => {
    await requireActionActor("integrations.manage");
    return toRunDto(await requestSync(numericIdParams.parse({ id }).id, { trigger: "manual" }));
  });
}

export async function testConnectionAction(id: number): Promise<ActionResult<ConnectionCheck>> {
  return runAction(async () => {
    await requireActionActor("integrations.manage");
    return testSystemConnection(numericIdParams.parse({ id }).id);
  });
}
