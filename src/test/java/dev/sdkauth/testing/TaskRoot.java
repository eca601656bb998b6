package dev.sdkauth.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

/**
 * The packaged function as Lambda runs it: target/function.jar unpacked as Lambda unpacks a deployment package
 * into its task root, started by Lambda's own Java runtime interface client ({@code AWSLambda}, copied to
 * target/lambda-runtime by the build) with the handler string and memory size from template.yaml and the JVM
 * flags the managed runtime uses, against a {@link RuntimeApiStandIn}. RuntimeClientIT and the restore benchmark
 * (bench/RestoreStart.java) both start the function through here, so that what the benchmark times is what the test
 * checks.
 */
public final class TaskRoot implements AutoCloseable {
    /** The JDK of the template's runtime, and its feature version. */
    public record Jdk(Path java, int feature) {
    }

    private final Path directory;
    private final JsonNode function;

    private TaskRoot(Path directory, JsonNode function) {
        this.directory = directory;
        this.function = function;
    }

    /** Unpacks {@code target/function.jar} into a new temporary directory and reads the function's template. */
    public static TaskRoot unpack() {
        try {
            Path directory = Files.createTempDirectory("task-root");
            try (ZipInputStream zip = new ZipInputStream(Files.newInputStream(Path.of("target/function.jar")))) {
                for (ZipEntry entry = zip.getNextEntry(); entry != null; entry = zip.getNextEntry()) {
                    Path target = directory.resolve(entry.getName()).normalize();
                    if (entry.isDirectory()) {
                        Files.createDirectories(target);
                    } else {
                        Files.createDirectories(target.getParent());
                        Files.copy(zip, target);
                    }
                }
            }
            JsonNode function = new ObjectMapper(new YAMLFactory()).readTree(new File("template.yaml"))
                    .at("/Resources/TokenFunction/Properties");
            return new TaskRoot(directory, function);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * The flags Lambda's managed runtime starts the JVM with (captures of the java17 runtime's command line, and
     * Lambda's "Customize Java runtime startup behavior" page for the compiler: C1 only, except that java25 keeps
     * the default compilers under SnapStart). docs/performance.md cites them.
     */
    public List<String> jvmFlags(String initializationType, Jdk jdk) {
        String runtime = function.get("Runtime").textValue();
        long heapKb = function.get("MemorySize").asLong() * 1024 * 85 / 100;
        List<String> flags = new ArrayList<>(List.of("-XX:MaxHeapSize=" + heapKb + "k", "-XX:+UseSerialGC",
                "-Xshare:auto", "--add-opens=java.base/java.io=ALL-UNNAMED",
                "-Dorg.crac.Core.Compat=com.amazonaws.services.lambda.crac", "-XX:+ErrorFileToStderr"));
        if (!(runtime.equals("java25") && initializationType.equals("snap-start"))) {
            flags.addAll(List.of("-XX:+TieredCompilation", "-XX:TieredStopAtLevel=1"));
        }
        if (jdk.feature() >= 24) {
            // The runtime client loads its native library with System.load, which newer JDKs warn about otherwise.
            flags.add("--enable-native-access=ALL-UNNAMED");
        }
        return flags;
    }

    /**
     * The JDK of the template's runtime ({@code java25} is Java 25) when this machine has one under /usr/lib/jvm or
     * in {@code -Dlambda.java.home}; otherwise the JDK running this, said on standard output.
     */
    public Jdk java() {
        String feature = function.get("Runtime").textValue().substring("java".length());
        String configured = System.getProperty("lambda.java.home");
        List<Path> candidates = new ArrayList<>();
        if (configured != null) {
            candidates.add(Path.of(configured));
        }
        try {
            if (Files.isDirectory(Path.of("/usr/lib/jvm"))) {
                try (Stream<Path> jdks = Files.list(Path.of("/usr/lib/jvm"))) {
                    jdks.sorted().forEach(candidates::add);
                }
            }
            for (Path home : candidates) {
                Path release = home.resolve("release");
                if (Files.isRegularFile(release) && Files.isExecutable(home.resolve("bin/java"))
                        && Files.readString(release).contains("JAVA_VERSION=\"" + feature)) {
                    return new Jdk(home.resolve("bin/java"), Integer.parseInt(feature));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        System.out.println("TaskRoot: no Java " + feature + " found, running on " + Runtime.version());
        return new Jdk(Path.of(System.getProperty("java.home"), "bin", "java"), Runtime.version().feature());
    }

    /**
     * Starts the runtime client on the function, with the environment Lambda gives every function plus
     * {@code environment} (credentials, SSM endpoint, parameter names: the caller's), and {@code extraFlags}
     * after the managed runtime's own (a trust store for a stand-in, say).
     */
    public Process start(RuntimeApiStandIn api, Jdk jdk, String initializationType, Map<String, String> environment,
                         List<String> extraFlags, Path out, Path err) throws IOException {
        List<String> command = new ArrayList<>();
        command.add(jdk.java().toString());
        command.addAll(jvmFlags(initializationType, jdk));
        command.addAll(extraFlags);
        command.addAll(List.of("-classpath", Path.of("target/lambda-runtime").toAbsolutePath() + File.separator + "*",
                "com.amazonaws.services.lambda.runtime.api.client.AWSLambda", function.get("Handler").textValue()));
        ProcessBuilder builder = new ProcessBuilder(command).directory(directory.toFile())
                .redirectOutput(out.toFile()).redirectError(err.toFile());
        Map<String, String> env = builder.environment();
        env.clear();
        env.put("PATH", System.getenv("PATH"));
        env.put("AWS_LAMBDA_RUNTIME_API", api.address());
        env.put("LAMBDA_TASK_ROOT", directory.toString());
        env.put("AWS_LAMBDA_FUNCTION_NAME", "zoom-sdk-auth-TokenFunction");
        env.put("AWS_LAMBDA_FUNCTION_VERSION", "1");
        env.put("AWS_LAMBDA_FUNCTION_MEMORY_SIZE", function.get("MemorySize").asText());
        env.put("AWS_LAMBDA_INITIALIZATION_TYPE", initializationType);
        env.put("AWS_LAMBDA_LOG_FORMAT", function.at("/LoggingConfig/LogFormat").asText("TEXT"));
        env.put("AWS_REGION", "us-east-1");
        env.put("TZ", ":UTC");
        env.putAll(environment);
        return builder.start();
    }

    @Override
    public void close() {
        try (Stream<Path> files = Files.walk(directory)) {
            files.sorted(Comparator.reverseOrder()).map(Path::toFile).forEach(File::delete);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
