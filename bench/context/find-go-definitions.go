// Ground truth for Go: go/types' resolution of every identifier on the added lines.
//
// Bench tooling, built and run by find-foreign-definitions.ts with Debian's golang-go:
//
//	go run find-go-definitions.go ROOT < {"files": [{"path": "a/b.go", "added": [3, 4]}]}
//
// prints a JSON list of {name, path, line, kind, usedIn, usedLine} whose path is a file under ROOT (the
// commit's .go files and go.mod files, written to a temporary folder). Packages of the
// repository's own modules (go.mod) are parsed from ROOT and type-checked; every other import is
// an empty package, so its names count as not found, as TypeScript's ground truth leaves out
// node_modules. Type errors are tolerated: what can be resolved is.
package main

import (
	"encoding/json"
	"go/ast"
	"go/parser"
	"go/token"
	"go/types"
	"os"
	"path/filepath"
	"sort"
	"strings"
)

type request struct {
	Files []struct {
		Path  string `json:"path"`
		Added []int  `json:"added"`
	} `json:"files"`
}

type definition struct {
	Name     string `json:"name"`
	Path     string `json:"path"`
	Line     int    `json:"line"`
	Kind     string `json:"kind"`
	UsedIn   string `json:"usedIn"`
	UsedLine int    `json:"usedLine"`
}

type module struct{ dir, path string }

type loader struct {
	root     string
	fset     *token.FileSet
	modules  []module
	packages map[string]*types.Package
}

func main() {
	root, _ := filepath.Abs(os.Args[1])
	var req request
	if err := json.NewDecoder(os.Stdin).Decode(&req); err != nil {
		panic(err)
	}
	l := &loader{root: root, fset: token.NewFileSet(), modules: readModules(root), packages: map[string]*types.Package{}}
	found := []definition{}
	checked := map[string]*types.Info{}
	parsed := map[string]*ast.File{}
	for _, entry := range req.Files {
		dir := filepath.Dir(filepath.Join(root, entry.Path))
		name := readPackageName(filepath.Join(root, entry.Path))
		key := dir + "\x00" + name
		if _, done := checked[key]; !done {
			files := l.parseDir(dir, name, true)
			info := &types.Info{Uses: map[*ast.Ident]types.Object{}, Defs: map[*ast.Ident]types.Object{}}
			config := types.Config{Importer: l, Error: func(error) {}}
			config.Check(l.importPathOf(dir), l.fset, files, info)
			checked[key] = info
			for _, file := range files {
				parsed[l.fset.Position(file.Package).Filename] = file
			}
		}
		info := checked[key]
		file := parsed[filepath.Join(root, entry.Path)]
		if file == nil {
			continue
		}
		added := map[int]bool{}
		for _, line := range entry.Added {
			added[line] = true
		}
		ast.Inspect(file, func(node ast.Node) bool {
			ident, ok := node.(*ast.Ident)
			if !ok || !added[l.fset.Position(ident.Pos()).Line] {
				return true
			}
			obj := info.Uses[ident]
			if obj == nil || !obj.Pos().IsValid() {
				return true
			}
			if _, isPackage := obj.(*types.PkgName); isPackage {
				return true
			}
			at := l.fset.Position(obj.Pos())
			relative, err := filepath.Rel(root, at.Filename)
			if err != nil || strings.HasPrefix(relative, "..") {
				return true
			}
			found = append(found, definition{Name: ident.Name, Path: filepath.ToSlash(relative), Line: at.Line, Kind: kindOf(obj), UsedIn: entry.Path, UsedLine: l.fset.Position(ident.Pos()).Line})
			return true
		})
	}
	json.NewEncoder(os.Stdout).Encode(found)
}

// kindOf names a Go object with TypeScript's kinds, so the bench groups it the way it groups TypeScript ones.
func kindOf(obj types.Object) string {
	switch o := obj.(type) {
	case *types.Func:
		if o.Type().(*types.Signature).Recv() != nil {
			return "method"
		}
		return "function"
	case *types.Var:
		if o.IsField() {
			return "property"
		}
		if o.Parent() != nil && o.Parent() != o.Pkg().Scope() {
			return "local var"
		}
		if o.Parent() == nil {
			return "parameter"
		}
		return "var"
	case *types.Const:
		if o.Parent() != nil && o.Pkg() != nil && o.Parent() != o.Pkg().Scope() {
			return "local var"
		}
		return "const"
	case *types.TypeName:
		return "type"
	case *types.Label:
		return "local var"
	}
	return "other"
}

// readModules reads the `module` line of every go.mod under root.
func readModules(root string) []module {
	var modules []module
	filepath.Walk(root, func(path string, info os.FileInfo, err error) error {
		if err != nil || info.IsDir() || info.Name() != "go.mod" {
			return nil
		}
		text, _ := os.ReadFile(path)
		for _, line := range strings.Split(string(text), "\n") {
			if fields := strings.Fields(line); len(fields) == 2 && fields[0] == "module" {
				modules = append(modules, module{dir: filepath.Dir(path), path: strings.Trim(fields[1], `"`)})
			}
		}
		return nil
	})
	// The deepest module first: a nested module owns its folder.
	sort.Slice(modules, func(i, j int) bool { return len(modules[i].dir) > len(modules[j].dir) })
	return modules
}

func readPackageName(path string) string {
	file, err := parser.ParseFile(token.NewFileSet(), path, nil, parser.PackageClauseOnly)
	if err != nil || file.Name == nil {
		return ""
	}
	return file.Name.Name
}

// importPathOf is a folder's import path in its module.
func (l *loader) importPathOf(dir string) string {
	for _, m := range l.modules {
		if dir == m.dir {
			return m.path
		}
		if strings.HasPrefix(dir, m.dir+string(filepath.Separator)) {
			return m.path + "/" + filepath.ToSlash(dir[len(m.dir)+1:])
		}
	}
	return filepath.ToSlash(dir)
}

// parseDir parses a folder's files of package `name` (with the package's tests when asked).
func (l *loader) parseDir(dir, name string, tests bool) []*ast.File {
	entries, _ := os.ReadDir(dir)
	var files []*ast.File
	for _, entry := range entries {
		if entry.IsDir() || !strings.HasSuffix(entry.Name(), ".go") || (!tests && strings.HasSuffix(entry.Name(), "_test.go")) {
			continue
		}
		file, _ := parser.ParseFile(l.fset, filepath.Join(dir, entry.Name()), nil, parser.ParseComments)
		if file == nil || file.Name == nil || (name != "" && file.Name.Name != name) {
			continue
		}
		if name == "" {
			name = file.Name.Name
		}
		files = append(files, file)
	}
	return files
}

// Import type-checks a package of the repository's modules from source; any other is empty.
func (l *loader) Import(path string) (*types.Package, error) {
	if pkg, ok := l.packages[path]; ok {
		return pkg, nil
	}
	parts := strings.Split(path, "/")
	empty := types.NewPackage(path, parts[len(parts)-1])
	empty.MarkComplete()
	l.packages[path] = empty // an import cycle ends on the empty package
	for _, m := range l.modules {
		if path != m.path && !strings.HasPrefix(path, m.path+"/") {
			continue
		}
		dir := filepath.Join(m.dir, filepath.FromSlash(strings.TrimPrefix(strings.TrimPrefix(path, m.path), "/")))
		files := l.parseDir(dir, "", false)
		if len(files) == 0 {
			continue
		}
		config := types.Config{Importer: l, Error: func(error) {}}
		pkg, _ := config.Check(path, l.fset, files, nil)
		if pkg != nil {
			l.packages[path] = pkg
			return pkg, nil
		}
	}
	return empty, nil
}
