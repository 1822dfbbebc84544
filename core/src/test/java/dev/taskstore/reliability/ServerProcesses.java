package dev.taskstore.reliability;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The processes of one PostgreSQL server, found from its data directory ({@code postmaster.pid} names the
 * postmaster; every other server process is its child), and signals sent to all of them at once, as a hung
 * host or a crash would hit them.
 */
final class ServerProcesses {

  private final long postmaster;

  private ServerProcesses(long postmaster) {
    this.postmaster = postmaster;
  }

  /** The server whose data directory this is; it must be running. */
  static ServerProcesses of(Path dataDirectory) throws IOException {
    List<String> lines = Files.readAllLines(dataDirectory.resolve("postmaster.pid"));
    return new ServerProcesses(Long.parseLong(lines.get(0).trim()));
  }

  /** The postmaster's process id. */
  long postmaster() {
    return postmaster;
  }

  /** The postmaster first, then every process it started (backends, checkpointer, WAL writer, ...). */
  List<Long> pids() {
    List<Long> pids = new ArrayList<>();
    pids.add(postmaster);
    ProcessHandle.of(postmaster).ifPresent(p -> p.descendants().forEach(d -> pids.add(d.pid())));
    return pids;
  }

  /** Stops every process of the server (SIGSTOP): it keeps its connections open but answers nothing. */
  int stop() throws IOException, InterruptedException {
    return signal("STOP", pids());
  }

  /** Lets every process of the server run again (SIGCONT). */
  int resume() throws IOException, InterruptedException {
    List<Long> pids = pids();
    // The postmaster last, so that it finds its children running.
    pids.add(pids.remove(0));
    return signal("CONT", pids);
  }

  /**
   * Kills every process of the server at once (SIGKILL), as the OOM killer or a power cut of the process
   * would: no shutdown checkpoint, no goodbye to the clients. Waits until the postmaster is gone.
   */
  int kill() throws IOException, InterruptedException {
    // Stopped first, so that the postmaster cannot fork a new backend between listing and killing.
    stop();
    List<Long> pids = pids();
    int count = signal("KILL", pids);
    for (long pid : pids) {
      ProcessHandle.of(pid).ifPresent(p -> p.onExit().orTimeout(10, TimeUnit.SECONDS).join());
    }
    return count;
  }

  private static int signal(String signal, List<Long> pids) throws IOException, InterruptedException {
    List<String> command = new ArrayList<>(List.of("kill", "-" + signal));
    pids.forEach(pid -> command.add(Long.toString(pid)));
    Process kill = new ProcessBuilder(command).redirectErrorStream(true).start();
    String output = new String(kill.getInputStream().readAllBytes());
    if (!kill.waitFor(10, TimeUnit.SECONDS) || kill.exitValue() != 0) {
      throw new IOException("kill -" + signal + " " + pids + " failed: " + output);
    }
    return pids.size();
  }
}
