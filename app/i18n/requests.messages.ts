/** Interface texts of the requests feature, Swedish first; merged in messages.ts. */
const sv = {
};

const en: Record<keyof typeof sv, string> = {
};

export const requestMessages = { sv, en };
