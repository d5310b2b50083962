package io.mtlboard.worker;

import java.io.IOException;
import java.lang.reflect.Field;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Main classes that misbehave on purpose, run as children by {@link ChildJvmTest}. */
final class ChildJvmFixtures {

    private ChildJvmFixtures() {}

    /** A child of this JVM whose command line names {@code mainClass} (read from /proc: Java may cut long ones). */
    static Optional<ProcessHandle> child(String mainClass) {
        return ProcessHandle.current()
                .children()
                .filter(
                        p -> {
                            try {
                                return new String(
                                                Files.readAllBytes(
                                                        Path.of(
                                                                "/proc",
                                                                Long.toString(p.pid()),
                                                                "cmdline")),
                                                StandardCharsets.UTF_8)
                                        .contains(mainClass);
                            } catch (IOException e) {
                                return false;
                            }
                        })
                .findFirst();
    }

    /** Prints its arguments, one per line, then a line on stderr, and exits 0. */
    static final class Talker {
        public static void main(String[] args) {
            for (String a : args) {
                System.out.println(a);
            }
            System.err.println("talker done");
        }
    }

    /** Prints "ready", then sleeps the seconds of its argument and exits 0. */
    static final class Stager {
        public static void main(String[] args) throws InterruptedException {
            System.out.println("ready");
            System.out.flush();
            Thread.sleep(Long.parseLong(args[0]) * 1000);
        }
    }

    /** Never finishes. */
    static final class Sleeper {
        public static void main(String[] args) throws InterruptedException {
            while (true) {
                Thread.sleep(1000);
            }
        }
    }

    /** Allocates native (off-heap) memory until stopped, like a model that blows up libtorch's allocator. */
    static final class Hog {
        public static void main(String[] args) throws Exception {
            Field f = sun.misc.Unsafe.class.getDeclaredField("theUnsafe");
            f.setAccessible(true);
            sun.misc.Unsafe unsafe = (sun.misc.Unsafe) f.get(null);
            List<Long> hold = new ArrayList<>();
            while (true) {
                long size = 32L << 20;
                long address = unsafe.allocateMemory(size);
                unsafe.setMemory(address, size, (byte) 1);
                hold.add(address);
                Thread.sleep(20);
            }
        }
    }

    /** Exits with status 3 after writing to stderr, like a native crash. */
    static final class Crasher {
        public static void main(String[] args) {
            System.err.println("fatal: simulated crash");
            Runtime.getRuntime().halt(3);
        }
    }
}
