/**
 * A frame is one input to classify (DESIGN.md section 2). Sources fill a caller-owned Frame in place,
 * so replaying millions of frames allocates nothing per frame.
 */
export interface Frame {
  /** Arrival time, seconds. */
  t: number;
  device: number;
  /**
   * Row of the outcome table this frame stands for (a real test sample of the scene's class). Its
   * true label stays in the outcome table, where only the scorer reads it.
   */
  sample: number;
  /** Input size, bytes. */
  bytes: number;
  /**
   * Index of the recorded video the frame comes from (timeline replay, in file order), -1 for other
   * sources: what a camera knows of itself (which recording, which site), never the label.
   */
  video: number;
}

/** One device's stream of frames, in non-decreasing time order. */
export interface FrameSource {
  /** Fills `f` with the next frame; false when the stream has ended. */
  next(f: Frame): boolean;
}

export function emptyFrame(): Frame {
  return { t: 0, device: 0, sample: 0, bytes: 0, video: -1 };
}
