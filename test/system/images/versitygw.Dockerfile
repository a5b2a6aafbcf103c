# Stand-in for versity/versitygw:v1.8.0: the same version built from its Go module,
# with the binary as the entrypoint like the official image, and wget for health checks.
ARG DEBIAN_IMAGE=towlion-test/debian:bookworm
FROM ${DEBIAN_IMAGE}
RUN apt-get update \
 && apt-get install -y --no-install-recommends wget ca-certificates \
 && rm -rf /var/lib/apt/lists/*
COPY versitygw /usr/local/bin/versitygw
ENTRYPOINT ["versitygw"]
