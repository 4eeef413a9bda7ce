package dev.kratixtemporal.api.e2e;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * CPU time read from /proc, in seconds: this JVM, the children it has waited for (the sandbox's bwrap and its
 * containers, podman's client), another process (the Temporal dev server), and the whole machine's busy time.
 */
final class CpuClock {
  private static final double TICK_SECONDS = 0.01; // USER_HZ = 100

  private CpuClock() {}

  /** utime + stime of this JVM, without children. */
  static double jvm() {
    long[] f = stat("self");
    return (f[0] + f[1]) * TICK_SECONDS;
  }

  /** cutime + cstime: the children this JVM has waited for. */
  static double waitedChildren() {
    long[] f = stat("self");
    return (f[2] + f[3]) * TICK_SECONDS;
  }

  /** utime + stime of another process. */
  static double process(long pid) {
    long[] f = stat(String.valueOf(pid));
    return (f[0] + f[1]) * TICK_SECONDS;
  }

  /** Every CPU's busy time (all but idle and iowait). */
  static double machineBusy() {
    try {
      String[] f = Files.readAllLines(Path.of("/proc/stat")).get(0).trim().split("\\s+");
      long busy = 0;
      for (int i = 1; i < f.length; i++) if (i != 4 && i != 5) busy += Long.parseLong(f[i]);
      return busy * TICK_SECONDS;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Resident set size of a process, in MiB; -1 when there is no such process. */
  static double rssMiB(long pid) {
    if (pid < 0) return -1;
    try {
      for (String line : Files.readAllLines(Path.of("/proc", String.valueOf(pid), "status"))) {
        if (line.startsWith("VmRSS:")) return Long.parseLong(line.replaceAll("\\D", "")) / 1024.0;
      }
      return -1;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** utime, stime, cutime, cstime (fields 14 to 17 of proc(5)). */
  private static long[] stat(String pid) {
    try {
      String stat = Files.readString(Path.of("/proc", pid, "stat"));
      String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
      return new long[] {Long.parseLong(f[11]), Long.parseLong(f[12]), Long.parseLong(f[13]), Long.parseLong(f[14])};
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
