# The Debian 12 minbase every stand-in image starts from: the debootstrap root
# file system, plus the CA certificates this machine adds locally (its network
# reaches PyPI and npm through a TLS proxy; the real upstream images would need
# the same on such a network). Without local CAs this adds nothing.
ARG ROOTFS_IMAGE=towlion-test/debian-rootfs:bookworm
FROM ${ROOTFS_IMAGE}
COPY local-ca/ /usr/local/share/ca-certificates/
RUN update-ca-certificates >/dev/null
ENV SSL_CERT_FILE=/etc/ssl/certs/ca-certificates.crt \
    NODE_EXTRA_CA_CERTS=/etc/ssl/certs/ca-certificates.crt
