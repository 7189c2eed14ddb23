package org.lookaheadlab.lab.data;

/**
 * A port of NumPy's legacy {@code numpy.random.RandomState} (MT19937) for the draws the mnist1d generator makes,
 * reproducing NumPy's output bit for bit (spec: {@code shared/specs/mnist1d.md} §4).
 *
 * <ul>
 *   <li><b>Seeding</b> ({@code seed(int)}): MT19937 {@code init_genrand}: {@code mt[0] = s},
 *       {@code mt[i] = 1812433253·(mt[i−1] ⊕ (mt[i−1] >>> 30)) + i (mod 2³²)}; position 624 so that the first draw
 *       regenerates the whole key. {@code seed(int[])} is the reference {@code init_by_array}, as NumPy uses for an
 *       array seed. Both clear the Gaussian cache.</li>
 *   <li><b>u32</b>: the reference MT19937 regeneration (N = 624, M = 397, matrix 0x9908b0df) and tempering
 *       {@code y ^= y>>>11; y ^= (y<<7) & 0x9d2c5680; y ^= (y<<15) & 0xefc60000; y ^= y>>>18}.</li>
 *   <li><b>{@link #randomSample()}</b> ({@code rand()}): {@code ((u32>>>5)·2²⁶ + (u32>>>6)) / 2⁵³}, the first
 *       draw giving the high 27 bits.</li>
 *   <li><b>{@link #gauss()}</b> ({@code randn()}): Marsaglia's polar method. Repeat {@code x1 = 2u−1, x2 = 2u−1,
 *       r2 = x1·x1 + x2·x2} until {@code 0 < r2 < 1}; {@code f = sqrt(−2·log(r2)/r2)}; cache {@code f·x1} and
 *       return {@code f·x2}. The cache is part of the state and survives every other kind of draw.</li>
 *   <li><b>{@link #interval(long)}</b>, {@link #choice(long)} / {@link #randint(long, long)}: masked rejection:
 *       {@code mask} = the smallest {@code 2^b − 1 ≥ max}; draw {@code u32 & mask} until it is {@code ≤ max}.</li>
 *   <li><b>{@link #permutation(int)}</b>, {@link #shuffle(int[])}: the legacy Fisher–Yates shuffle,
 *       {@code for i = n−1 .. 1: swap(a[i], a[interval(i)])}.</li>
 * </ul>
 *
 * <p>{@code log} is {@link Math#log}: NumPy calls the platform C {@code log}, the only ingredient that is not
 * exactly reproducible across platforms (it may differ by one ulp on some inputs; it never changes the stream).
 * Not thread-safe.
 */
public final class LegacyRandomState {

    private static final int N = 624;
    private static final int M = 397;
    private static final int MATRIX_A = 0x9908b0df;
    private static final int UPPER_MASK = 0x80000000;
    private static final int LOWER_MASK = 0x7fffffff;
    private static final double TWO_POW_26 = 67108864.0;
    private static final double TWO_POW_53 = 9007199254740992.0;

    private final int[] mt = new int[N];
    private int pos;
    private boolean hasGauss;
    private double cachedGauss;
    private long drawCount;

    /** A generator seeded with {@code seed}, as {@code np.random.seed(seed)}. */
    public LegacyRandomState(long seed) {
        seed(seed);
    }

    /**
     * Reseeds as {@code np.random.seed(seed)} with an integer: {@code init_genrand(seed)}.
     *
     * @param seed in [0, 2³² − 1]
     */
    public void seed(long seed) {
        if (seed < 0 || seed > 0xffffffffL) {
            throw new IllegalArgumentException("seed must be in [0, 4294967295], got " + seed);
        }
        initGenrand((int) seed);
        drawCount = 0;
    }

    /**
     * Reseeds as {@code np.random.seed(array)}: the reference MT19937 {@code init_by_array(key)}.
     *
     * @param key one or more 32-bit words (taken as unsigned)
     */
    public void seed(int[] key) {
        if (key.length == 0) {
            throw new IllegalArgumentException("seed key must have at least 1 word, got 0");
        }
        initGenrand(19650218);
        int i = 1;
        int j = 0;
        for (int k = Math.max(N, key.length); k > 0; k--) {
            int prev = mt[i - 1];
            mt[i] = (mt[i] ^ ((prev ^ (prev >>> 30)) * 1664525)) + key[j] + j;
            i++;
            j++;
            if (i >= N) {
                mt[0] = mt[N - 1];
                i = 1;
            }
            if (j >= key.length) {
                j = 0;
            }
        }
        for (int k = N - 1; k > 0; k--) {
            int prev = mt[i - 1];
            mt[i] = (mt[i] ^ ((prev ^ (prev >>> 30)) * 1566083941)) - i;
            i++;
            if (i >= N) {
                mt[0] = mt[N - 1];
                i = 1;
            }
        }
        mt[0] = UPPER_MASK;
        drawCount = 0;
    }

    private void initGenrand(int s) {
        mt[0] = s;
        for (int i = 1; i < N; i++) {
            int prev = mt[i - 1];
            mt[i] = 1812433253 * (prev ^ (prev >>> 30)) + i;
        }
        pos = N;
        hasGauss = false;
        cachedGauss = 0.0;
    }

    /** The 624 key words of the state (a copy), as NumPy's {@code get_state()[1]}, as unsigned values. */
    public long[] stateKey() {
        long[] key = new long[N];
        for (int i = 0; i < N; i++) {
            key[i] = mt[i] & 0xffffffffL;
        }
        return key;
    }

    /** Number of 32-bit words drawn since the last seeding. */
    public long drawCount() {
        return drawCount;
    }

    private void regenerate() {
        int k = 0;
        for (; k < N - M; k++) {
            int y = (mt[k] & UPPER_MASK) | (mt[k + 1] & LOWER_MASK);
            mt[k] = mt[k + M] ^ (y >>> 1) ^ ((y & 1) != 0 ? MATRIX_A : 0);
        }
        for (; k < N - 1; k++) {
            int y = (mt[k] & UPPER_MASK) | (mt[k + 1] & LOWER_MASK);
            mt[k] = mt[k + (M - N)] ^ (y >>> 1) ^ ((y & 1) != 0 ? MATRIX_A : 0);
        }
        int y = (mt[N - 1] & UPPER_MASK) | (mt[0] & LOWER_MASK);
        mt[N - 1] = mt[M - 1] ^ (y >>> 1) ^ ((y & 1) != 0 ? MATRIX_A : 0);
        pos = 0;
    }

    /** The next tempered 32-bit output, as a Java {@code int} holding the unsigned bits. */
    public int nextInt32() {
        if (pos == N) {
            regenerate();
        }
        int y = mt[pos++];
        drawCount++;
        y ^= y >>> 11;
        y ^= (y << 7) & 0x9d2c5680;
        y ^= (y << 15) & 0xefc60000;
        y ^= y >>> 18;
        return y;
    }

    /** The next tempered 32-bit output as an unsigned value in [0, 2³²). */
    public long nextUInt32() {
        return nextInt32() & 0xffffffffL;
    }

    /** {@code rand()}: a 53-bit double in [0, 1), {@code ((u32>>>5)·2²⁶ + (u32>>>6)) / 2⁵³}. */
    public double randomSample() {
        int a = nextInt32() >>> 5;
        int b = nextInt32() >>> 6;
        return (a * TWO_POW_26 + b) / TWO_POW_53;
    }

    /** {@code randn()}: one standard normal from the legacy polar method, using and refilling the cache. */
    public double gauss() {
        if (hasGauss) {
            hasGauss = false;
            double value = cachedGauss;
            cachedGauss = 0.0;
            return value;
        }
        double x1;
        double x2;
        double r2;
        do {
            x1 = 2.0 * randomSample() - 1.0;
            x2 = 2.0 * randomSample() - 1.0;
            r2 = x1 * x1 + x2 * x2;
        } while (r2 >= 1.0 || r2 == 0.0);
        double f = Math.sqrt(-2.0 * Math.log(r2) / r2);
        cachedGauss = f * x1;
        hasGauss = true;
        return f * x2;
    }

    /** {@code randn(n)} into {@code out[0..n)}: one {@link #gauss()} per element, in index order. */
    public void gauss(double[] out, int n) {
        for (int i = 0; i < n; i++) {
            out[i] = gauss();
        }
    }

    /**
     * Legacy {@code random_interval(max)}: uniform in {@code [0, max]} by masked rejection. {@code max = 0} draws
     * nothing.
     *
     * @param max in [0, 2³² − 1]
     */
    public long interval(long max) {
        if (max < 0 || max > 0xffffffffL) {
            throw new IllegalArgumentException("max must be in [0, 4294967295], got " + max);
        }
        if (max == 0) {
            return 0;
        }
        long mask = max;
        mask |= mask >>> 1;
        mask |= mask >>> 2;
        mask |= mask >>> 4;
        mask |= mask >>> 8;
        mask |= mask >>> 16;
        long value;
        do {
            value = nextUInt32() & mask;
        } while (value > max);
        return value;
    }

    /**
     * Legacy {@code randint(low, high)} (high exclusive) for a range below 2³²: {@code low + interval(high−low−1)}.
     */
    public long randint(long low, long high) {
        if (high <= low) {
            throw new IllegalArgumentException("randint needs low < high, got low=" + low + ", high=" + high);
        }
        long range = high - low - 1;
        if (range > 0xffffffffL) {
            throw new IllegalArgumentException(
                    "randint range high-low must be in [1, 4294967296], got " + (high - low));
        }
        return low + interval(range);
    }

    /** {@code choice(n)} with an integer {@code n ≥ 1}: legacy {@code randint(0, n)}. */
    public int choice(int n) {
        if (n < 1) {
            throw new IllegalArgumentException("choice population n must be >= 1, got " + n);
        }
        return (int) interval(n - 1L);
    }

    /** Legacy in-place shuffle: {@code for i = n−1 down to 1: swap(a[i], a[interval(i)])}. */
    public void shuffle(int[] a) {
        for (int i = a.length - 1; i >= 1; i--) {
            int j = (int) interval(i);
            int tmp = a[i];
            a[i] = a[j];
            a[j] = tmp;
        }
    }

    /** {@code permutation(n)}: {@code [0, 1, …, n−1]} shuffled by {@link #shuffle(int[])}. */
    public int[] permutation(int n) {
        if (n < 0) {
            throw new IllegalArgumentException("permutation length n must be >= 0, got " + n);
        }
        int[] a = new int[n];
        for (int i = 0; i < n; i++) {
            a[i] = i;
        }
        shuffle(a);
        return a;
    }
}
