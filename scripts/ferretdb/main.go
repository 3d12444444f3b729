// A MongoDB-wire-protocol server for tests: FerretDB v1 embedded, on SQLite (default) or PostgreSQL, on a
// loopback port. No mongod can be installed on this project's machines; .ci/run builds and starts this instead.
//
//	go run . -listen 127.0.0.1:27018 -dir /tmp/ferretdb-data
//	go run . -listen 127.0.0.1:27018 -postgresql-url postgres://user@127.0.0.1:5432/ferretdb
package main

import (
	"context"
	"flag"
	"fmt"
	"log"
	"log/slog"
	"os"
	"os/signal"
	"syscall"

	"github.com/FerretDB/FerretDB/ferretdb"
)

func main() {
	listen := flag.String("listen", "127.0.0.1:27018", "TCP address to listen on (loopback only)")
	dir := flag.String("dir", "", "directory for the SQLite files (created if missing)")
	quiet := flag.Bool("quiet", true, "log warnings and errors only")
	pgURL := flag.String("postgresql-url", "", "PostgreSQL to store the data in instead of SQLite files (-dir is then unused)")
	flag.Parse()

	if *dir == "" {
		d, err := os.MkdirTemp("", "ferretdb-")
		if err != nil {
			log.Fatal(err)
		}
		*dir = d
	}
	if err := os.MkdirAll(*dir, 0o755); err != nil {
		log.Fatal(err)
	}

	level := slog.LevelInfo
	if *quiet {
		level = slog.LevelWarn
	}
	logger := slog.New(slog.NewTextHandler(os.Stderr, &slog.HandlerOptions{Level: level}))

	config := &ferretdb.Config{
		Listener:  ferretdb.ListenerConfig{TCP: *listen},
		Logger:    logger,
		Handler:   "sqlite",
		SQLiteURL: "file:" + *dir + "/",
	}
	if *pgURL != "" {
		config.Handler = "postgresql"
		config.PostgreSQLURL = *pgURL
	}
	f, err := ferretdb.New(config)
	if err != nil {
		log.Fatal(err)
	}

	ctx, stop := signal.NotifyContext(context.Background(), syscall.SIGINT, syscall.SIGTERM)
	defer stop()

	if *pgURL != "" {
		fmt.Printf("ferretdb listening on %s (postgresql)\n", *listen)
	} else {
		fmt.Printf("ferretdb listening on %s (sqlite in %s)\n", *listen, *dir)
	}
	if err := f.Run(ctx); err != nil && ctx.Err() == nil {
		log.Fatal(err)
	}
}
