/**
 * The audit columns as OTOBO writes them (Kernel/System/CustomerUser/DB.pm and friends): the time
 * and the acting agent's `users.id`, named in every insert and update, because OTOBO's columns have
 * no defaults.
 */
export const createdBy = (actorId: number, now: Date = new Date()) => ({
  createTime: now,
  createBy: actorId,
  changeTime: now,
  changeBy: actorId,
});

export const changedBy = (actorId: number, now: Date = new Date()) => ({
  changeTime: now,
  changeBy: actorId,
});
