# Near miss: no Go here (a static frontend served by busybox httpd), so the
# Go time zone rule does not apply.
FROM node:22-alpine AS web
WORKDIR /web
COPY package.json package-lock.json ./
RUN npm ci
COPY . .
RUN npm run build

FROM busybox:1.37
COPY --from=web /web/dist /www
EXPOSE 8080
CMD ["httpd", "-f", "-p", "8080", "-h", "/www"]
