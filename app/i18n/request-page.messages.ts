/** Interface texts of the request page feature, Swedish first; merged in messages.ts. */
const sv = {
};

const en: Record<keyof typeof sv, string> = {
};

export const requestPageMessages = { sv, en };
