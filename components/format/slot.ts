/** "09:00-11:00" → "09:00–11:00": an en dash reads as a range, on every page that shows a slot. */
export const formatSlot = (slot: string) => slot.replace("-", "–");
