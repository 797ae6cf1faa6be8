package io.github.ntm4j.layer;

/** The numerical guards of {@code NTM-MATH.md}, one constant each, used by every step implementation. */
public final class NtmEpsilons {
    /**
     * Inside the cosine similarity's square root: {@code K = k·M / sqrt(|k|²|M|² + ε)}. Memory starts
     * at (near) zero and keys can be zero, and without it both 0/0 and the square root's infinite
     * slope at 0 give NaN.
     */
    public static final double COSINE = 1e-6;

    /**
     * Added to the shifted weighting before sharpening: {@code (ws + ε)^γ}. A weight of exactly 0 makes
     * 0^γ, whose gradient in γ (through log 0) is infinite.
     */
    public static final double SHARPEN = 1e-6;

    private NtmEpsilons() {
    }
}
