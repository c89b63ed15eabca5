# ...and a Dockerfile that does not build Go at all: Debian is its business.
FROM node:22-bookworm AS assets
WORKDIR /web
COPY package.json package-lock.json ./
RUN npm ci
COPY . .
RUN npm run build

FROM debian:12-slim
RUN apt-get update && apt-get install -y --no-install-recommends nginx \
 && rm -rf /var/lib/apt/lists/*
COPY --from=assets /web/dist /var/www/html
CMD ["nginx", "-g", "daemon off;"]
