/** Width of the labels column left of the lanes (CSS px). */
export const LABEL_W = 210;
