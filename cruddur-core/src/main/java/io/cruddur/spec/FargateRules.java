package io.cruddur.spec;

import java.util.Arrays;
import java.util.Map;

/** Checks a task's CPU and memory against the combinations Fargate accepts. */
final class FargateRules {
  /** Memory sizes in MiB that Fargate allows for each CPU size in units. */
  private static final Map<Integer, int[]> SIZES = Map.of(
      256, new int[] {512, 1024, 2048},
      512, range(1024, 4096, 1024),
      1024, range(2048, 8192, 1024),
      2048, range(4096, 16384, 1024),
      4096, range(8192, 30720, 1024),
      8192, range(16384, 61440, 4096),
      16384, range(32768, 122880, 8192));

  private final Problems problems;

  FargateRules(Problems problems) {
    this.problems = problems;
  }

  void size(String path, int cpu, int memoryMib) {
    int[] memories = SIZES.get(cpu);
    // An unknown CPU is reported alone: there is no row to check the memory against.
    if (memories == null) {
      problems.add(path + ".cpu", cpu + " is not a valid Fargate CPU size (256, 512, 1024, 2048, 4096, 8192, 16384)");
    } else if (Arrays.stream(memories).noneMatch(m -> m == memoryMib)) {
      problems.add(path + ".memoryMib", memoryMib + " MiB is not valid with " + cpu + " CPU units ("
          + memoryChoices(memories) + ")");
    }
  }

  /** {@code 512, 1024 or 2048 MiB}, or {@code 1024-4096 MiB in steps of 1024} for an even range. */
  private static String memoryChoices(int[] memories) {
    int step = memories[1] - memories[0];
    boolean even = true;
    for (int i = 1; i < memories.length; i++) {
      even &= memories[i] - memories[i - 1] == step;
    }
    if (even && memories.length > 3) {
      return memories[0] + "-" + memories[memories.length - 1] + " MiB in steps of " + step;
    }
    StringBuilder b = new StringBuilder();
    for (int i = 0; i < memories.length; i++) {
      b.append(i == 0 ? "" : i == memories.length - 1 ? " or " : ", ").append(memories[i]);
    }
    return b.append(" MiB").toString();
  }

  private static int[] range(int from, int to, int step) {
    int[] r = new int[(to - from) / step + 1];
    for (int i = 0; i < r.length; i++) {
      r[i] = from + i * step;
    }
    return r;
  }
}
