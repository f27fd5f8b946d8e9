/** metal-api's HMAC authorization types (metal-stack/security): a read-only console needs only Metal-View. */
export const HMAC_TYPES = ['Metal-View', 'Metal-Edit', 'Metal-Admin'] as const;
export type HmacType = (typeof HMAC_TYPES)[number];
