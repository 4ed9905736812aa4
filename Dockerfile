# syntax=docker/dockerfile:1
# iot-sim node and CLI in one image (docs: README.md "Deploy", k8s/README.md).
#   docker build -t iot-sim:dev .
#   docker run --rm -p 50051:50051 -p 8080:8080 -p 8558:8558 iot-sim:dev              # a node
#   docker run --rm iot-sim:dev scenario run scenarios/ramp_up.yaml --runtime HOST:50051   # the CLI

# 1. The web dashboard (ui/dist) and the API docs' static files (sim-http/node_modules).
FROM node:20-bookworm-slim AS ui
WORKDIR /src
COPY ui/package.json ui/package-lock.json ui/
RUN cd ui && npm ci --no-audit --no-fund --loglevel=error
COPY sim-http/package.json sim-http/package-lock.json sim-http/
RUN cd sim-http && npm ci --ignore-scripts --no-audit --no-fund --loglevel=error
COPY sim-http/src/main/resources/openapi/openapi.yaml sim-http/src/main/resources/openapi/
COPY ui/ ui/
RUN cd ui && npm run build

# 2. The runnable jar (sim-cli/target/iot-sim.jar); the dashboard comes from stage 1.
FROM maven:3.9-eclipse-temurin-25 AS build
WORKDIR /src
COPY . .
COPY --from=ui /src/ui/dist ui/dist
COPY --from=ui /src/sim-http/node_modules sim-http/node_modules
RUN --mount=type=cache,target=/root/.m2 \
    mvn -B -q -Dui.skip -Dbuf.skip -DskipTests -pl sim-cli -am package

# 3. A JRE, the jar, the shipped profiles and scenarios, and the launcher.
FROM eclipse-temurin:25-jre-noble
RUN groupadd --system --gid 10001 iotsim \
    && useradd --system --uid 10001 --gid iotsim --home-dir /opt/iot-sim --no-create-home \
       --shell /usr/sbin/nologin iotsim
WORKDIR /opt/iot-sim
COPY --from=build /src/sim-cli/target/iot-sim.jar /opt/iot-sim/iot-sim.jar
COPY profiles/ /opt/iot-sim/profiles/
COPY scenarios/ /opt/iot-sim/scenarios/
COPY --chmod=0755 deploy/docker/iot-sim deploy/docker/healthcheck scripts/jvm-flags.sh /opt/iot-sim/bin/
# Heap from the container's memory limit (the collector and the rest are the launcher's flags,
# scripts/jvm-flags.sh); servers listen on every interface of the container
# (the advertised addresses, IOT_SIM_REMOTE_HOST and IOT_SIM_MANAGEMENT_HOST, come from the
# orchestrator: the compose service name, the pod IP).
ENV PATH="/opt/iot-sim/bin:${PATH}" \
    JAVA_OPTS="-XX:MaxRAMPercentage=75" \
    IOT_SIM_GRPC_HOST=0.0.0.0 \
    IOT_SIM_HTTP_HOST=0.0.0.0 \
    IOT_SIM_MANAGEMENT_BIND_HOST=0.0.0.0
# gRPC, HTTP (REST, SSE, UI, /metrics), Pekko remoting, Pekko Management
EXPOSE 50051 8080 25520 8558
USER iotsim
HEALTHCHECK --interval=10s --timeout=5s --start-period=60s --retries=3 \
    CMD ["/opt/iot-sim/bin/healthcheck"]
ENTRYPOINT ["/opt/iot-sim/bin/iot-sim"]
CMD ["node"]
