package io.iotsim.cli;

import io.grpc.Status;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import org.apache.pekko.grpc.GrpcServiceException;
import picocli.CommandLine;

/**
 * Turns what a command throws into a message on stderr and an exit code: 2 for bad input (ours or
 * the node's INVALID_ARGUMENT / RESOURCE_EXHAUSTED / NOT_FOUND), 1 for anything else.
 */
final class CliErrors implements CommandLine.IExecutionExceptionHandler {

  static final int OK = 0;
  static final int FAILURE = 1;
  static final int BAD_INPUT = 2;

  @Override
  public int handleExecutionException(
      Exception ex, CommandLine commandLine, CommandLine.ParseResult parseResult) {
    Throwable e = unwrap(ex);
    String message = e.getMessage() == null ? e.toString() : e.getMessage();
    int code = exitCode(e);
    Status status = statusOf(e);
    if (status != null && (unreachable(status.getCode()) || unknownHost(status, e))) {
      message = "cannot reach the node at " + runtime(commandLine) + ": " + why(status, e);
    } else if (status != null) {
      message = status.getCode() + ": " + withoutRequestId(status.getDescription());
    }
    commandLine.getErr().println("iot-sim " + commandLine.getCommandName() + ": " + message);
    return code;
  }

  /**
   * The node ends error descriptions with the call's request id (for its logs); a person at the
   * terminal gets the reason alone.
   */
  static String withoutRequestId(String description) {
    return description == null ? null : description.replaceFirst(" \\[request-id [^\\]]*\\]$", "");
  }

  private static Status statusOf(Throwable e) {
    if (e instanceof GrpcServiceException g) {
      return g.getStatus();
    }
    if (e instanceof io.grpc.StatusRuntimeException s) {
      return s.getStatus();
    }
    return null;
  }

  private static boolean unreachable(Status.Code code) {
    return code == Status.Code.UNAVAILABLE || code == Status.Code.DEADLINE_EXCEEDED;
  }

  /**
   * A name that does not resolve fails the call as UNKNOWN, not UNAVAILABLE, sometimes with only
   * the resolver's words (glibc, macOS) in the description.
   */
  private static boolean unknownHost(Status status, Throwable e) {
    String d = String.valueOf(status.getDescription());
    if (d.contains("Name or service not known")
        || d.contains("nodename nor servname")
        || d.contains("No address associated with hostname")
        || d.contains("Temporary failure in name resolution")) {
      return true;
    }
    for (Throwable t = status.getCause() != null ? status.getCause() : e;
        t != null;
        t = t.getCause()) {
      if (t instanceof java.net.UnknownHostException
          || t instanceof java.nio.channels.UnresolvedAddressException) {
        return true;
      }
    }
    return false;
  }

  /** The address the command talked to, as given with --runtime. */
  private static String runtime(CommandLine commandLine) {
    var option = commandLine.getCommandSpec().findOption("--runtime");
    return option == null ? "the given address" : String.valueOf((Object) option.getValue());
  }

  /** Why a connection failed, in a user's words: gRPC itself only says "io exception". */
  static String why(Status status, Throwable e) {
    if (status.getCode() == Status.Code.UNKNOWN && unknownHost(status, e)) {
      return "unknown host";
    }
    for (Throwable t = status.getCause() != null ? status.getCause() : e;
        t != null;
        t = t.getCause()) {
      if (t instanceof java.net.UnknownHostException
          || t instanceof java.nio.channels.UnresolvedAddressException) {
        return "unknown host";
      }
      if (t instanceof java.net.ConnectException
          && !t.getClass().getSimpleName().contains("Timeout")) {
        return "connection refused";
      }
      if (t instanceof java.net.SocketTimeoutException
          || t.getClass().getSimpleName().contains("Timeout")) {
        return "timed out";
      }
      if (t.getCause() == null && t != e && t.getMessage() != null) {
        return t.getMessage();
      }
    }
    if (status.getCode() == Status.Code.DEADLINE_EXCEEDED) {
      return "timed out";
    }
    return status.getDescription() == null ? status.getCode().toString() : status.getDescription();
  }

  static Throwable unwrap(Throwable e) {
    while ((e instanceof CompletionException || e instanceof ExecutionException)
        && e.getCause() != null) {
      e = e.getCause();
    }
    return e;
  }

  static int exitCode(Throwable e) {
    Status.Code code = null;
    if (e instanceof GrpcServiceException g) {
      code = g.getStatus().getCode();
    } else if (e instanceof io.grpc.StatusRuntimeException s) {
      code = s.getStatus().getCode();
    }
    if (code != null) {
      return switch (code) {
        case INVALID_ARGUMENT, RESOURCE_EXHAUSTED, NOT_FOUND, ALREADY_EXISTS -> BAD_INPUT;
        default -> FAILURE;
      };
    }
    return e instanceof IllegalArgumentException ? BAD_INPUT : FAILURE;
  }
}
