#!/bin/sh
# Other silos and the gateways reach a silo at the address it advertises, which must not be loopback in a container:
# ORLEANS_ADVERTISED_IP if set, else POD_IP (Kubernetes' downward API, deploy/k8s/silo.yaml), else the container's
# own address.
set -eu
if [ -z "${ORLEANS_ADVERTISED_IP:-}" ]; then
  ORLEANS_ADVERTISED_IP="${POD_IP:-$(hostname -i | cut -d ' ' -f 1)}"
  export ORLEANS_ADVERTISED_IP
fi
exec dotnet /app/OrleansProxy.Silo.dll "$@"
