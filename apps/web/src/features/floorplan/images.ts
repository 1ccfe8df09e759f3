/** Where the server serves a plan's stored background image (floor-model's route). */
export const backgroundUrl = (token: string, imageId: string) => `/api/plans/${encodeURIComponent(token)}/images/${encodeURIComponent(imageId)}`;
