package io.iotsim.http.routes;

import io.iotsim.http.json.Json;
import java.util.concurrent.CompletionStage;
import java.util.function.Function;
import org.apache.pekko.http.javadsl.model.StatusCode;
import org.apache.pekko.http.javadsl.model.StatusCodes;
import org.apache.pekko.http.javadsl.server.AllDirectives;
import org.apache.pekko.http.javadsl.server.Route;
import org.apache.pekko.http.javadsl.unmarshalling.Unmarshaller;

/** What every API route class does with JSON: read a strict body, answer a value or a future. */
abstract class JsonDirectives extends AllDirectives {

  /** The body read as {@code type} by {@link Json#read} (errors name the field). */
  protected <T> Route body(Class<T> type, Function<T, Route> inner) {
    return entity(Unmarshaller.entityToString(), text -> inner.apply(Json.read(text, type)));
  }

  protected Route ok(Object value) {
    return complete(StatusCodes.OK, value, Json.marshaller());
  }

  protected Route answer(StatusCode status, Object value) {
    return complete(status, value, Json.marshaller());
  }

  /** 200 with the future's value; its failure goes to {@link ApiErrors}. */
  protected <T> Route ok(CompletionStage<T> value) {
    return onSuccess(value, this::ok);
  }
}
