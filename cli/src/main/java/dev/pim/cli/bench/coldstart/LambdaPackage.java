package dev.pim.cli.bench.coldstart;

import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import java.util.zip.ZipOutputStream;

/**
 * A Lambda deployment package (a zip: classes at its root, jars under {@code lib/}) unpacked the way the Java
 * runtime does it, with the classpath the runtime gives the handler: the package's root, then every jar of
 * {@code lib/}.
 *
 * @param zip            the package as deployed
 * @param unpacked       where it was unpacked
 * @param usesKubernetes whether it carries the Kubernetes client (fabric8)
 */
record LambdaPackage(Path zip, Path unpacked, boolean usesKubernetes) {

    static LambdaPackage unpack(Path zip, Path into) {
        if (!Files.isRegularFile(zip)) {
            throw new IllegalStateException("no Lambda package " + zip + ": build it with `mvn -f functions/pom.xml package`");
        }
        boolean kubernetes = false;
        try (ZipFile file = new ZipFile(zip.toFile())) {
            for (ZipEntry entry : file.stream().toList()) {
                Path target = into.resolve(entry.getName()).normalize();
                if (!target.startsWith(into)) {
                    throw new IllegalStateException(zip + " has an entry outside its root: " + entry.getName());
                }
                kubernetes |= entry.getName().startsWith("lib/kubernetes-client");
                if (entry.isDirectory()) {
                    Files.createDirectories(target);
                } else {
                    Files.createDirectories(target.getParent());
                    try (InputStream in = file.getInputStream(entry)) {
                        Files.copy(in, target);
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot unpack " + zip, e);
        }
        return new LambdaPackage(zip, into, kubernetes);
    }

    /** The hello-world handler packaged as a function is: its class in a jar under lib/, with the Lambda interfaces. */
    static Path helloWorld(Path zip) {
        try (OutputStream out = Files.newOutputStream(zip); ZipOutputStream package_ = new ZipOutputStream(out)) {
            package_.putNextEntry(new ZipEntry("lib/hello-world.jar"));
            package_.write(jarOf(HelloWorldHandler.class));
            package_.closeEntry();
            Path lambdaCore = Path.of(com.amazonaws.services.lambda.runtime.Context.class.getProtectionDomain()
                    .getCodeSource().getLocation().toURI());
            package_.putNextEntry(new ZipEntry("lib/" + lambdaCore.getFileName()));
            Files.copy(lambdaCore, package_);
            package_.closeEntry();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + zip, e);
        } catch (URISyntaxException e) {
            throw new IllegalStateException("cannot locate aws-lambda-java-core", e);
        }
        return zip;
    }

    /** A directory holding only the probe's class: the stand-in for the Lambda runtime. */
    static Path probe(Path directory) {
        copyClass(ColdStartProbe.class, directory);
        return directory;
    }

    long bytes() {
        try {
            return Files.size(zip);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The runtime's classpath for this package, after the probe. */
    String classpath(Path probe) {
        return String.join(File.pathSeparator, List.of(probe.toString(), unpacked.toString(),
                unpacked.resolve("lib").resolve("*").toString()));
    }

    private static byte[] jarOf(Class<?> type) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (JarOutputStream jar = new JarOutputStream(bytes)) {
            jar.putNextEntry(new JarEntry(classFile(type)));
            jar.write(classBytes(type));
            jar.closeEntry();
        }
        return bytes.toByteArray();
    }

    private static void copyClass(Class<?> type, Path directory) {
        try {
            Path target = directory.resolve(classFile(type));
            Files.createDirectories(target.getParent());
            Files.write(target, classBytes(type));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot copy " + type.getName(), e);
        }
    }

    private static String classFile(Class<?> type) {
        return type.getName().replace('.', '/') + ".class";
    }

    private static byte[] classBytes(Class<?> type) throws IOException {
        try (InputStream in = type.getClassLoader().getResourceAsStream(classFile(type))) {
            if (in == null) {
                throw new IllegalStateException("no class file of " + type.getName() + " on the classpath");
            }
            return in.readAllBytes();
        }
    }
}
