package io.iotsim.client;

import io.grpc.CallCredentials;
import io.grpc.Metadata;
import io.grpc.netty.shaded.io.grpc.netty.GrpcSslContexts;
import io.grpc.netty.shaded.io.netty.handler.ssl.SslContext;
import io.grpc.netty.shaded.io.netty.handler.ssl.SslContextBuilder;
import java.util.concurrent.Executor;
import javax.net.ssl.SSLException;
import org.apache.pekko.grpc.GrpcClientSettings;

/**
 * Puts a {@link ClientSecurity} on a channel: the bearer token as call credentials (every call,
 * every attempt) and TLS from PEM files through the Netty channel builder, which reads PEM itself.
 */
final class Credentials {

  private static final Metadata.Key<String> AUTHORIZATION =
      Metadata.Key.of("authorization", Metadata.ASCII_STRING_MARSHALLER);

  private Credentials() {}

  static GrpcClientSettings apply(GrpcClientSettings settings, ClientSecurity security) {
    GrpcClientSettings s = settings;
    if (security.token().isPresent()) {
      s = s.withCallCredentials(bearer(security.token().get()));
    }
    if (security.tls()) {
      SslContext ssl = sslContext(security);
      s = s.withTls(true).withChannelBuilderOverrides(b -> b.sslContext(ssl));
    }
    return s;
  }

  static CallCredentials bearer(String token) {
    return new CallCredentials() {
      @Override
      public void applyRequestMetadata(
          RequestInfo requestInfo, Executor appExecutor, MetadataApplier applier) {
        Metadata headers = new Metadata();
        headers.put(AUTHORIZATION, "Bearer " + token);
        applier.apply(headers);
      }
    };
  }

  private static SslContext sslContext(ClientSecurity security) {
    try {
      SslContextBuilder b = GrpcSslContexts.forClient();
      if (security.caFile().isPresent()) {
        b = b.trustManager(security.caFile().get().toFile());
      }
      if (security.certFile().isPresent()) {
        b = b.keyManager(security.certFile().get().toFile(), security.keyFile().get().toFile());
      }
      return b.build();
    } catch (SSLException | IllegalArgumentException e) {
      throw new IllegalArgumentException(
          "tls: cannot use the PEM files (" + e.getMessage() + ")", e);
    }
  }
}
