/**
 * Bytes of webhook bodies read before their signature could be checked, across all connections:
 * real deliveries are kilobytes, so a few megabytes hold hundreds of them at once.
 */
export const BODY_BUDGET_BYTES = 4 * 1024 * 1024;

/** What one body being read holds of the budget. */
export interface BodyAllowance {
  /** Counts bytes that arrived; false when the budget has no room for them, and the body must be refused. */
  take(bytes: number): boolean;
  /** Gives back all this body holds; a second call does nothing. */
  release(): void;
}

export interface BodyBudget {
  /** Lets a body start when what it declares (0 when it is chunked) fits now; null when it does not. */
  admit(declaredBytes: number): BodyAllowance | null;
}

/**
 * The budget of unverified bodies: a shared pool of `poolBytes`, charged with the bytes that
 * actually arrived (so a client that declares a body and sends little holds little of it), plus a
 * single slot for one body that does not fit the pool, as large as the body limit allows. So a
 * legitimate delivery of up to 25 MB still gets in while the slot is free, a flood of large bodies
 * takes that one slot and is refused beyond it, and small deliveries keep the pool meanwhile.
 * Bodies being read hold at most `poolBytes` plus one body.
 */
export function createBodyBudget(poolBytes: number): BodyBudget {
  let pooled = 0;
  let slotTaken = false;
  return {
    admit(declaredBytes) {
      if (declaredBytes > poolBytes - pooled && slotTaken) return null;
      let held = 0;
      let inSlot = false;
      let released = false;
      const intoSlot = () => {
        pooled -= held;
        held = 0;
        slotTaken = inSlot = true;
      };
      if (declaredBytes > poolBytes - pooled) intoSlot();
      return {
        take(bytes) {
          if (released) return false;
          if (inSlot) return true;
          if (pooled + bytes <= poolBytes) {
            pooled += bytes;
            held += bytes;
            return true;
          }
          if (slotTaken) return false;
          intoSlot();
          return true;
        },
        release() {
          if (released) return;
          released = true;
          if (inSlot) slotTaken = false;
          else pooled -= held;
        },
      };
    },
  };
}
