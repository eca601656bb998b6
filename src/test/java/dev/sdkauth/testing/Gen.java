package dev.sdkauth.testing;

import com.fasterxml.jackson.core.json.JsonWriteFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.opentest4j.AssertionFailedError;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.stream.IntStream;
import java.util.stream.Stream;

/**
 * Property tests without a framework: a generator is a function of a seeded {@link SplittableRandom} and a size
 * (0 to {@value #MAX_SIZE}) that bounds lengths, depths and magnitudes, so that a smaller size gives a simpler value.
 * {@link #cases} turns one into the arguments of a {@code @ParameterizedTest}, one {@link Case} per seed; a failing
 * case names its seed and the smallest failing value found by drawing again, from that seed and a few others, at
 * every smaller size.
 *
 * <p>The seed and the number of cases are fixed, so every run tries the same values; {@code -Dproperties.seed=S}
 * searches elsewhere and {@code -Dproperties.cases=N} runs N cases of every property instead of its own count. With
 * a case's own seed, {@code -Dproperties.size} its size and N=1, exactly that case runs: a failure prints the
 * command. (Surefire hands {@code -D} user properties of the mvn command line to the test JVM as they are.)
 *
 * <p>What is lost against a framework is shrinking value by value; {@link Case#check} makes do with the size.
 */
@FunctionalInterface
public interface Gen<T> {
    int MAX_SIZE = 100;
    long DEFAULT_SEED = 20_261_125L;
    /** The display name of a case: {@code @ParameterizedTest(name = Gen.CASE)}. */
    String CASE = "[{index}] {0}";

    T next(SplittableRandom random, int size);

    // ---- running properties --------------------------------------------------------------------------------------

    /**
     * {@code cases} cases of {@code gen} (or {@code -Dproperties.cases}), from {@code -Dproperties.seed} on, each at
     * the size its seed gives (or {@code -Dproperties.size}).
     */
    static <T> Stream<Case<T>> cases(int cases, Gen<T> gen) {
        long seed = Long.decode(System.getProperty("properties.seed", String.valueOf(DEFAULT_SEED)).strip());
        int count = Integer.parseInt(System.getProperty("properties.cases", String.valueOf(cases)).strip());
        String size = System.getProperty("properties.size", "").strip();
        int fixedSize = size.isEmpty() ? -1 : Integer.parseInt(size);
        // Weyl steps: case i of seed S is case 0 of seed S + i * gamma, so one case replays on its own.
        return IntStream.range(0, count).mapToObj(i -> Case.of(seed + i * 0x9E3779B97F4A7C15L, fixedSize, gen));
    }

    /** One generated value, and how to draw it again. */
    final class Case<T> {
        /** Other seeds tried at each smaller size when a case fails, besides its own. */
        private static final int SHRINK_SEEDS = 4;

        private final long seed;
        private final int size;
        private final T value;
        private final Gen<T> gen;

        private Case(long seed, int size, T value, Gen<T> gen) {
            this.seed = seed;
            this.size = size;
            this.value = value;
            this.gen = gen;
        }

        /** The size is the seed's first draw unless {@code fixedSize} is 0 or more. */
        static <T> Case<T> of(long seed, int fixedSize, Gen<T> gen) {
            SplittableRandom random = new SplittableRandom(seed);
            int drawn = random.nextInt(MAX_SIZE + 1);
            int size = fixedSize >= 0 ? fixedSize : drawn;
            return new Case<>(seed, size, gen.next(random, size), gen);
        }

        public T value() {
            return value;
        }

        /**
         * Runs the property on this case. On failure, draws again at every smaller size, from this case's seed and
         * a few others, and fails naming this case's seed, how to replay it, and the shortest failing value found
         * with its own seed and size (the first failure is the cause).
         */
        public void check(Consumer<? super T> property) {
            Throwable failure = failure(property, value);
            if (failure == null) {
                return;
            }
            StackWalker.StackFrame test = StackWalker.getInstance().walk(frames -> frames.skip(1).findFirst()).get();
            Case<T> smallest = this;
            Throwable smallestFailure = failure;
            for (int s = 0; s < size; s++) {
                for (int k = 0; k <= SHRINK_SEEDS; k++) {
                    Case<T> candidate = of(seed + k * 0xBF58476D1CE4E5B9L, s, gen);
                    if (render(candidate.value).length() < render(smallest.value).length()) {
                        Throwable again = failure(property, candidate.value);
                        if (again != null) {
                            smallest = candidate;
                            smallestFailure = again;
                        }
                    }
                }
            }
            String className = test.getClassName().substring(test.getClassName().lastIndexOf('.') + 1);
            String replay = "mvn -B test -Dtest=" + className + "#" + test.getMethodName();
            throw new AssertionFailedError(String.format("%s.%s failed at %s%n"
                            + "  replay: %s%n"
                            + "  smallest failing value found (%s): %s%n    %s%n"
                            + "    replay: %s%n"
                            + "  value as generated: %s",
                    className, test.getMethodName(), this, replay(replay),
                    smallest, clip(render(smallest.value)), smallestFailure, smallest.replay(replay),
                    clip(render(value))), failure);
        }

        private String replay(String command) {
            return command + " -Dproperties.seed=" + seed + " -Dproperties.size=" + size + " -Dproperties.cases=1";
        }

        private static <T> Throwable failure(Consumer<? super T> property, T value) {
            try {
                property.accept(value);
                return null;
            } catch (AssertionError | RuntimeException failure) {
                return failure;
            }
        }

        /** The display name: the case's own seed replays it with {@code -Dproperties.cases=1}. */
        @Override
        public String toString() {
            return "seed=" + seed + " size=" + size;
        }
    }

    /** JSON with every non-ASCII character escaped, so that invisible and unpaired characters show. */
    ObjectMapper RENDER = JsonMapper.builder().enable(JsonWriteFeature.ESCAPE_NON_ASCII).build();

    static String render(Object value) {
        try {
            return RENDER.writeValueAsString(value);
        } catch (Exception e) {
            return String.valueOf(value);
        }
    }

    private static String clip(String text) {
        return text.length() <= 2_000 ? text : text.substring(0, 2_000) + "... (" + text.length() + " characters)";
    }

    // ---- combinators ---------------------------------------------------------------------------------------------

    default <R> Gen<R> map(Function<? super T, ? extends R> f) {
        return (random, size) -> f.apply(next(random, size));
    }

    /** Null with probability {@code p}: an optional property left out. */
    default Gen<T> orNull(double p) {
        return (random, size) -> random.nextDouble() < p ? null : next(random, size);
    }

    static <T> Gen<T> constant(T value) {
        return (random, size) -> value;
    }

    @SafeVarargs
    static <T> Gen<T> of(T... values) {
        return of(List.of(values));
    }

    static <T> Gen<T> of(List<T> values) {
        return (random, size) -> values.get(random.nextInt(values.size()));
    }

    /** One of the generators, each as likely. */
    @SafeVarargs
    static <T> Gen<T> oneOf(Gen<? extends T>... gens) {
        return (random, size) -> gens[random.nextInt(gens.length)].next(random, size);
    }

    static Gen<Boolean> bool() {
        return (random, size) -> random.nextBoolean();
    }

    /**
     * A whole number from {@code min} to at most {@code max}: the upper end grows with the size, and one draw in ten
     * is an end of the range.
     */
    static Gen<Long> between(long min, long max) {
        return (random, size) -> {
            long top = Math.min(max, min + (long) ((max - (double) min) * size / MAX_SIZE));
            if (random.nextInt(10) == 0) {
                return random.nextBoolean() ? min : top;
            }
            return top == Long.MAX_VALUE ? random.nextLong(min, top) : random.nextLong(min, top + 1);
        };
    }

    static Gen<Integer> ints(int min, int max) {
        return between(min, max).map(Math::toIntExact);
    }

    /** Any long, its magnitude growing with the size; one draw in five an edge value. */
    static Gen<Long> anyLong() {
        long[] edges = {0, 1, -1, Long.MIN_VALUE, Long.MAX_VALUE, Integer.MIN_VALUE, Integer.MAX_VALUE,
                Integer.MAX_VALUE + 1L, Integer.MIN_VALUE - 1L};
        return (random, size) -> {
            if (random.nextInt(5) == 0) {
                return edges[random.nextInt(edges.length)];
            }
            int bits = 1 + 63 * size / MAX_SIZE;
            return random.nextLong() >> (64 - bits);
        };
    }

    static <T> Gen<List<T>> listOf(Gen<T> item, int min, int max) {
        Gen<Long> length = between(min, max);
        return (random, size) -> {
            int n = Math.toIntExact(length.next(random, size));
            List<T> list = new ArrayList<>(n);
            for (int i = 0; i < n; i++) {
                list.add(item.next(random, size));
            }
            return list;
        };
    }

    /** A subset of {@code values} of {@code min} or more, in the order drawn. */
    static <T> Gen<Set<T>> subsetOf(List<T> values, int min) {
        Gen<Long> count = between(min, values.size());
        return (random, size) -> {
            List<T> pool = new ArrayList<>(values);
            Set<T> chosen = new LinkedHashSet<>();
            for (long n = count.next(random, size); n > 0; n--) {
                chosen.add(pool.remove(random.nextInt(pool.size())));
            }
            return chosen;
        };
    }

    static Gen<byte[]> bytes(int max) {
        Gen<Long> length = between(0, max);
        return (random, size) -> {
            byte[] bytes = new byte[Math.toIntExact(length.next(random, size))];
            for (int i = 0; i < bytes.length; i++) {
                bytes[i] = (byte) random.nextInt(256);
            }
            return bytes;
        };
    }

    /** Text of {@code min} to {@code max} characters, each from {@code from} to {@code to}. */
    static Gen<String> text(int min, int max, char from, char to) {
        Gen<Long> length = between(min, max);
        return (random, size) -> {
            char[] chars = new char[Math.toIntExact(length.next(random, size))];
            for (int i = 0; i < chars.length; i++) {
                chars[i] = (char) (from + random.nextInt(to - from + 1));
            }
            return new String(chars);
        };
    }

    /** Text of {@code min} to {@code max} characters (UTF-16 units, so pairs may split) taken from {@code alphabet}. */
    static Gen<String> text(int min, int max, String alphabet) {
        Gen<Long> length = between(min, max);
        return (random, size) -> {
            char[] chars = new char[Math.toIntExact(length.next(random, size))];
            for (int i = 0; i < chars.length; i++) {
                chars[i] = alphabet.charAt(random.nextInt(alphabet.length()));
            }
            return new String(chars);
        };
    }

    // ---- JSON ----------------------------------------------------------------------------------------------------

    JsonNodeFactory NODES = JsonNodeFactory.instance;

    /** The characters that break naive text handling: controls, separators, marks, BOMs, unpaired surrogates. */
    List<String> UNICODE_EDGES = List.of("\u0000", "\u001f", "\u007f", "\u0085", "\u00a0", "\u00e9", "e\u0301",
            "\u2028", "\u2029", "\u200b", "\u202e", "\ufeff", "\ufffd", "\uffff", "\ud800", "\udfff", "\udfff\ud800",
            "\ud83d\ude00", "\udbff\udfff", "\uff11", "\u0663", "\u0130", "\u00df", "\"", "\\", "/", "<", "'", "%s",
            "\\u0000");

    /** Text built of {@link #UNICODE_EDGES} and plain letters, up to 20 pieces. */
    static Gen<String> unicodeEdges() {
        Gen<String> piece = oneOf(of(UNICODE_EDGES), text(1, 3, 'a', 'z'));
        return listOf(piece, 1, 20).map(pieces -> String.join("", pieces));
    }

    /** Over {@code max} characters by 1 to 60 (by 1 at size 0), of any non-surrogate characters. */
    static Gen<String> overLong(int max) {
        return text(max + 1, max + 60, '\u0000', '\ud7ff');
    }

    /**
     * Integers just inside and outside the bounds the contracts use, as numbers and as strings, padded, signed,
     * with fractions, exponents and digits of other scripts, and numbers too large or too precise for any type.
     */
    static Gen<JsonNode> nearMissNumber() {
        long[] anchors = {0, 1, 2, 30, 2880, 1800, 7200, 172800, Integer.MAX_VALUE, Long.MAX_VALUE};
        String[] fixed = {"1e400", "-1e400", "1e-400", "-0", "-0.0", "123456789012345678901234567890",
                "9223372036854775808", "-9223372036854775809", "1.0000000000000000000001", "0.9999999999999999999"};
        String[] texts = {"1abc", "0x1", "1_000", "1,000", "1e", ".5", "5.", "NaN", "Infinity", "-Infinity",
                "\uff11", "\u0663", "00012", "\u00a01", "\t1\n", "1 1", "", " "};
        return (random, size) -> switch (random.nextInt(8)) {
            case 0 -> NODES.numberNode(new BigDecimal(fixed[random.nextInt(fixed.length)]));
            case 1 -> NODES.textNode(random.nextBoolean() ? fixed[random.nextInt(fixed.length)]
                    : texts[random.nextInt(texts.length)]);
            default -> {
                BigDecimal n = BigDecimal.valueOf(anchors[random.nextInt(anchors.length)])
                        .add(BigDecimal.valueOf(random.nextInt(3) - 1));
                yield switch (random.nextInt(7)) {
                    case 0 -> NODES.numberNode(n);
                    case 1 -> NODES.textNode(n.toPlainString());
                    case 2 -> NODES.textNode(" " + n + " ");
                    case 3 -> NODES.textNode("+" + n);
                    case 4 -> NODES.numberNode(n.add(new BigDecimal("0.5")));
                    case 5 -> NODES.numberNode(new BigDecimal(n + ".000"));
                    default -> NODES.numberNode(new BigDecimal(n.unscaledValue(), -2).movePointLeft(2));
                };
            }
        };
    }

    /**
     * Any JSON value: scalars of every kind (near misses and unicode edges included), and arrays and objects two
     * levels deep whose keys are {@code names}.
     */
    static Gen<JsonNode> anyJson(List<String> names) {
        Gen<JsonNode> leaves = oneOf(
                constant(NODES.nullNode()),
                bool().map(NODES::booleanNode),
                anyLong().map(NODES::numberNode),
                between(-3, 200_000).map(NODES::numberNode),
                anyLong().map(n -> NODES.numberNode(BigDecimal.valueOf(n, 3))),
                nearMissNumber(),
                text(0, 250, '\u0000', '\uffff').map(NODES::textNode),
                unicodeEdges().map(NODES::textNode),
                of(" 1 ", "1abc", "0x1", "+1", "1.5", "NaN", "Infinity", "", "US,DE", " US , XX ",
                        "123456789012345678901", "00012", "\uff11").map(NODES::textNode));
        return json(leaves, names, 2);
    }

    private static Gen<JsonNode> json(Gen<JsonNode> leaves, List<String> names, int depth) {
        if (depth == 0) {
            return leaves;
        }
        Gen<JsonNode> inner = json(leaves, names, depth - 1);
        Gen<JsonNode> array = listOf(inner, 0, 4).map(items -> {
            ArrayNode node = NODES.arrayNode();
            items.forEach(node::add);
            return node;
        });
        Gen<JsonNode> object = objectOf(names, inner, 3).map(JsonNode.class::cast);
        // Leaves half the time at every level, containers the other half.
        return (random, size) -> switch (random.nextInt(4)) {
            case 0 -> array.next(random, size);
            case 1 -> object.next(random, size);
            default -> leaves.next(random, size);
        };
    }

    /** An object of up to {@code max} properties named from {@code names}, each valued by {@code values}. */
    static Gen<ObjectNode> objectOf(List<String> names, Gen<JsonNode> values, int max) {
        Gen<Long> count = between(0, max);
        return (random, size) -> {
            ObjectNode object = NODES.objectNode();
            for (long n = count.next(random, size); n > 0; n--) {
                object.set(names.get(random.nextInt(names.size())), values.next(random, size));
            }
            return object;
        };
    }

    /** An integer as clients send it: a number, a string, padded, signed, with a zero fraction. */
    static Gen<JsonNode> encoded(Gen<? extends Number> values) {
        return (random, size) -> {
            long value = values.next(random, size).longValue();
            return switch (random.nextInt(5)) {
                case 0 -> NODES.numberNode(value);
                case 1 -> NODES.textNode(String.valueOf(value));
                case 2 -> NODES.textNode(" " + value + " ");
                case 3 -> NODES.textNode("+" + value);
                default -> NODES.numberNode(new BigDecimal(value + ".0"));
            };
        };
    }
}
