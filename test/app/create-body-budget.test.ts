import { describe, expect, it } from "@jest/globals";
import { createBodyBudget } from "../../src/app/create-body-budget.js";

// The budget on its own: which bodies may start, which bytes may arrive, and that everything
// given back can be taken again.

const POOL = 1_000;

describe("createBodyBudget", () => {
  it("admits bodies while what they declare fits the pool, charging only the bytes that arrive", () => {
    const budget = createBodyBudget(POOL);
    const a = budget.admit(600)!;
    const b = budget.admit(600)!;

    expect([a.take(400), b.take(400)]).toEqual([true, true]);
    // 200 left in the pool; a body declaring more takes the one slot, the next has no room.
    const large = budget.admit(300);
    expect(large).not.toBeNull();
    expect(budget.admit(300)).toBeNull();
    expect(budget.admit(200)).not.toBeNull();
  });

  it("lets one body past the pool (a large delivery on a quiet server) and refuses a second meanwhile", () => {
    const budget = createBodyBudget(POOL);
    const large = budget.admit(25 * POOL)!;

    expect(large.take(25 * POOL)).toBe(true);
    expect(budget.admit(2 * POOL)).toBeNull();
    // The pool stays for small deliveries meanwhile.
    expect(budget.admit(POOL)!.take(POOL)).toBe(true);
  });

  it("moves a chunked body that outgrows the pool into the free slot, and refuses the next one's bytes", () => {
    const budget = createBodyBudget(POOL);
    const first = budget.admit(0)!;
    const second = budget.admit(0)!;

    expect(first.take(800)).toBe(true);
    expect(second.take(800)).toBe(true); // into the slot, giving its pooled bytes back
    expect(first.take(200)).toBe(true); // so the pool has room for these
    expect(first.take(1)).toBe(false);
  });

  it("gets back everything once each body is released, however it held it, and a second release changes nothing", () => {
    const budget = createBodyBudget(POOL);
    const pooled = budget.admit(POOL)!;
    pooled.take(POOL);
    const slotted = budget.admit(5 * POOL)!;
    slotted.take(3 * POOL);
    const grown = budget.admit(0);
    expect(grown).not.toBeNull();
    grown!.take(0);

    for (const allowance of [pooled, slotted, grown!, pooled, slotted]) allowance.release();

    // The whole pool and the slot at once, as on a fresh budget.
    expect(budget.admit(POOL)!.take(POOL)).toBe(true);
    expect(budget.admit(5 * POOL)!.take(5 * POOL)).toBe(true);
    expect(budget.admit(1)).toBeNull();
  });

  it("takes nothing more for a released body", () => {
    const budget = createBodyBudget(POOL);
    const body = budget.admit(10)!;
    body.release();

    expect(body.take(10)).toBe(false);
  });
});
