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
    if (e instanceof GrpcServiceException g) {
      message = g.getStatus().getCode() + ": " + g.getStatus().getDescription();
    } else if (e instanceof io.grpc.StatusRuntimeException s) {
      message = s.getStatus().getCode() + ": " + s.getStatus().getDescription();
    }
    commandLine.getErr().println("iot-sim " + commandLine.getCommandName() + ": " + message);
    return code;
  }

  static Throwable unwrap(Throwable e) {
    while ((e instanceof CompletionException || e instanceof ExecutionException) && e.getCause() != null) {
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
