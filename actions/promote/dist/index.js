import { createRequire as __mlopsCreateRequire } from 'node:module'; const require = __mlopsCreateRequire(import.meta.url);
import {
  getOctokit
} from "./chunks/chunk-5JF5JMAV.js";
import {
  __commonJS,
  __toESM,
  debug,
  error,
  getInput,
  group,
  info,
  setFailed,
  setOutput,
  setSecret,
  summary,
  warning
} from "./chunks/chunk-PWKJD36Z.js";

// node_modules/ajv/dist/compile/codegen/code.js
var require_code = __commonJS({
  "node_modules/ajv/dist/compile/codegen/code.js"(exports) {
    "use strict";
    Object.defineProperty(exports, "__esModule", { value: true });
    exports.regexpCode = exports.getEsmExportName = exports.getProperty = exports.safeStringify = exports.stringify = exports.strConcat = exports.addCodeArg = exports.str = exports._ = exports.nil = exports._Code = exports.Name = exports.IDENTIFIER = exports._CodeOrName = void 0;
    var _CodeOrName = class {
    };
    exports._CodeOrName = _CodeOrName;
    exports.IDENTIFIER = /^[a-z$_][a-z$_0-9]*$/i;
    var Name = class extends _CodeOrName {
      constructor(s) {
        super();
        if (!exports.IDENTIFIER.test(s))
          throw new Error("CodeGen: name must be a valid identifier");
        this.str = s;
      }
      toString() {
        return this.str;
      }
      emptyStr() {
        return false;
      }
      get names() {
        return { [this.str]: 1 };
      }
    };
    exports.Name = Name;
    var _Code = class extends _CodeOrName {
      constructor(code) {
        super();
        this._items = typeof code === "string" ? [code] : code;
      }
      toString() {
        return this.str;
      }
      emptyStr() {
        if (this._items.length > 1)
          return false;
        const item = this._items[0];
        return item === "" || item === '""';
      }
      get str() {
        var _a;
        return (_a = this._str) !== null && _a !== void 0 ? _a : this._str = this._items.reduce((s, c) => `${s}${c}`, "");
      }
      get names() {
        var _a;
        return (_a = this._names) !== null && _a !== void 0 ? _a : this._names = this._items.reduce((names, c) => {
          if (c instanceof Name)
            names[c.str] = (names[c.str] || 0) + 1;
          return names;
        }, {});
      }
    };
    exports._Code = _Code;
    exports.nil = new _Code("");
    function _(strs, ...args) {
      const code = [strs[0]];
      let i = 0;
      while (i < args.length) {
        addCodeArg(code, args[i]);
        code.push(strs[++i]);
      }
      return new _Code(code);
    }
    exports._ = _;
    var plus = new _Code("+");
    function str(strs, ...args) {
      const expr = [safeStringify(strs[0])];
      let i = 0;
      while (i < args.length) {
        expr.push(plus);
        addCodeArg(expr, args[i]);
        expr.push(plus, safeStringify(strs[++i]));
      }
      optimize(expr);
      return new _Code(expr);
    }
    exports.str = str;
    function addCodeArg(code, arg) {
      if (arg instanceof _Code)
        code.push(...arg._items);
      else if (arg instanceof Name)
        code.push(arg);
      else
        code.push(interpolate(arg));
    }
    exports.addCodeArg = addCodeArg;
    function optimize(expr) {
      let i = 1;
      while (i < expr.length - 1) {
        if (expr[i] === plus) {
          const res = mergeExprItems(expr[i - 1], expr[i + 1]);
          if (res !== void 0) {
            expr.splice(i - 1, 3, res);
            continue;
          }
          expr[i++] = "+";
        }
        i++;
      }
    }
    function mergeExprItems(a, b) {
      if (b === '""')
        return a;
      if (a === '""')
        return b;
      if (typeof a == "string") {
        if (b instanceof Name || a[a.length - 1] !== '"')
          return;
        if (typeof b != "string")
          return `${a.slice(0, -1)}${b}"`;
        if (b[0] === '"')
          return a.slice(0, -1) + b.slice(1);
        return;
      }
      if (typeof b == "string" && b[0] === '"' && !(a instanceof Name))
        return `"${a}${b.slice(1)}`;
      return;
    }
    function strConcat(c1, c2) {
      return c2.emptyStr() ? c1 : c1.emptyStr() ? c2 : str`${c1}${c2}`;
    }
    exports.strConcat = strConcat;
    function interpolate(x) {
      return typeof x == "number" || typeof x == "boolean" || x === null ? x : safeStringify(Array.isArray(x) ? x.join(",") : x);
    }
    function stringify(x) {
      return new _Code(safeStringify(x));
    }
    exports.stringify = stringify;
    function safeStringify(x) {
      return JSON.stringify(x).replace(/\u2028/g, "\\u2028").replace(/\u2029/g, "\\u2029");
    }
    exports.safeStringify = safeStringify;
    function getProperty(key) {
      return typeof key == "string" && exports.IDENTIFIER.test(key) ? new _Code(`.${key}`) : _`[${key}]`;
    }
    exports.getProperty = getProperty;
    function getEsmExportName(key) {
      if (typeof key == "string" && exports.IDENTIFIER.test(key)) {
        return new _Code(`${key}`);
      }
      throw new Error(`CodeGen: invalid export name: ${key}, use explicit $id name mapping`);
    }
    exports.getEsmExportName = getEsmExportName;
    function regexpCode(rx) {
      return new _Code(rx.toString());
    }
    exports.regexpCode = regexpCode;
  }
});

// node_modules/ajv/dist/compile/codegen/scope.js
var require_scope = __commonJS({
  "node_modules/ajv/dist/compile/codegen/scope.js"(exports) {
    "use strict";
    Object.defineProperty(exports, "__esModule", { value: true });
    exports.ValueScope = exports.ValueScopeName = exports.Scope = exports.varKinds = exports.UsedValueState = void 0;
    var code_1 = require_code();
    var ValueError = class extends Error {
      constructor(name) {
        super(`CodeGen: "code" for ${name} not defined`);
        this.value = name.value;
      }
    };
    var UsedValueState;
    (function(UsedValueState2) {
      UsedValueState2[UsedValueState2["Started"] = 0] = "Started";
      UsedValueState2[UsedValueState2["Completed"] = 1] = "Completed";
    })(UsedValueState || (exports.UsedValueState = UsedValueState = {}));
    exports.varKinds = {
      const: new code_1.Name("const"),
      let: new code_1.Name("let"),
      var: new code_1.Name("var")
    };
    var Scope = class {
      constructor({ prefixes, parent } = {}) {
        this._names = {};
        this._prefixes = prefixes;
        this._parent = parent;
      }
      toName(nameOrPrefix) {
        return nameOrPrefix instanceof code_1.Name ? nameOrPrefix : this.name(nameOrPrefix);
      }
      name(prefix) {
        return new code_1.Name(this._newName(prefix));
      }
      _newName(prefix) {
        const ng = this._names[prefix] || this._nameGroup(prefix);
        return `${prefix}${ng.index++}`;
      }
      _nameGroup(prefix) {
        var _a, _b;
        if (((_b = (_a = this._parent) === null || _a === void 0 ? void 0 : _a._prefixes) === null || _b === void 0 ? void 0 : _b.has(prefix)) || this._prefixes && !this._prefixes.has(prefix)) {
          throw new Error(`CodeGen: prefix "${prefix}" is not allowed in this scope`);
        }
        return this._names[prefix] = { prefix, index: 0 };
      }
    };
    exports.Scope = Scope;
    var ValueScopeName = class extends code_1.Name {
      constructor(prefix, nameStr) {
        super(nameStr);
        this.prefix = prefix;
      }
      setValue(value, { property, itemIndex }) {
        this.value = value;
        this.scopePath = (0, code_1._)`.${new code_1.Name(property)}[${itemIndex}]`;
      }
    };
    exports.ValueScopeName = ValueScopeName;
    var line = (0, code_1._)`\n`;
    var ValueScope = class extends Scope {
      constructor(opts) {
        super(opts);
        this._values = {};
        this._scope = opts.scope;
        this.opts = { ...opts, _n: opts.lines ? line : code_1.nil };
      }
      get() {
        return this._scope;
      }
      name(prefix) {
        return new ValueScopeName(prefix, this._newName(prefix));
      }
      value(nameOrPrefix, value) {
        var _a;
        if (value.ref === void 0)
          throw new Error("CodeGen: ref must be passed in value");
        const name = this.toName(nameOrPrefix);
        const { prefix } = name;
        const valueKey = (_a = value.key) !== null && _a !== void 0 ? _a : value.ref;
        let vs = this._values[prefix];
        if (vs) {
          const _name = vs.get(valueKey);
          if (_name)
            return _name;
        } else {
          vs = this._values[prefix] = /* @__PURE__ */ new Map();
        }
        vs.set(valueKey, name);
        const s = this._scope[prefix] || (this._scope[prefix] = []);
        const itemIndex = s.length;
        s[itemIndex] = value.ref;
        name.setValue(value, { property: prefix, itemIndex });
        return name;
      }
      getValue(prefix, keyOrRef) {
        const vs = this._values[prefix];
        if (!vs)
          return;
        return vs.get(keyOrRef);
      }
      scopeRefs(scopeName, values = this._values) {
        return this._reduceValues(values, (name) => {
          if (name.scopePath === void 0)
            throw new Error(`CodeGen: name "${name}" has no value`);
          return (0, code_1._)`${scopeName}${name.scopePath}`;
        });
      }
      scopeCode(values = this._values, usedValues, getCode) {
        return this._reduceValues(values, (name) => {
          if (name.value === void 0)
            throw new Error(`CodeGen: name "${name}" has no value`);
          return name.value.code;
        }, usedValues, getCode);
      }
      _reduceValues(values, valueCode, usedValues = {}, getCode) {
        let code = code_1.nil;
        for (const prefix in values) {
          const vs = values[prefix];
          if (!vs)
            continue;
          const nameSet = usedValues[prefix] = usedValues[prefix] || /* @__PURE__ */ new Map();
          vs.forEach((name) => {
            if (nameSet.has(name))
              return;
            nameSet.set(name, UsedValueState.Started);
            let c = valueCode(name);
            if (c) {
              const def = this.opts.es5 ? exports.varKinds.var : exports.varKinds.const;
              code = (0, code_1._)`${code}${def} ${name} = ${c};${this.opts._n}`;
            } else if (c = getCode === null || getCode === void 0 ? void 0 : getCode(name)) {
              code = (0, code_1._)`${code}${c}${this.opts._n}`;
            } else {
              throw new ValueError(name);
            }
            nameSet.set(name, UsedValueState.Completed);
          });
        }
        return code;
      }
    };
    exports.ValueScope = ValueScope;
  }
});

// node_modules/ajv/dist/compile/codegen/index.js
var require_codegen = __commonJS({
  "node_modules/ajv/dist/compile/codegen/index.js"(exports) {
    "use strict";
    Object.defineProperty(exports, "__esModule", { value: true });
    exports.or = exports.and = exports.not = exports.CodeGen = exports.operators = exports.varKinds = exports.ValueScopeName = exports.ValueScope = exports.Scope = exports.Name = exports.regexpCode = exports.stringify = exports.getProperty = exports.nil = exports.strConcat = exports.str = exports._ = void 0;
    var code_1 = require_code();
    var scope_1 = require_scope();
    var code_2 = require_code();
    Object.defineProperty(exports, "_", { enumerable: true, get: function() {
      return code_2._;
    } });
    Object.defineProperty(exports, "str", { enumerable: true, get: function() {
      return code_2.str;
    } });
    Object.defineProperty(exports, "strConcat", { enumerable: true, get: function() {
      return code_2.strConcat;
    } });
    Object.defineProperty(exports, "nil", { enumerable: true, get: function() {
      return code_2.nil;
    } });
    Object.defineProperty(exports, "getProperty", { enumerable: true, get: function() {
      return code_2.getProperty;
    } });
    Object.defineProperty(exports, "stringify", { enumerable: true, get: function() {
      return code_2.stringify;
    } });
    Object.defineProperty(exports, "regexpCode", { enumerable: true, get: function() {
      return code_2.regexpCode;
    } });
    Object.defineProperty(exports, "Name", { enumerable: true, get: function() {
      return code_2.Name;
    } });
    var scope_2 = require_scope();
    Object.defineProperty(exports, "Scope", { enumerable: true, get: function() {
      return scope_2.Scope;
    } });
    Object.defineProperty(exports, "ValueScope", { enumerable: true, get: function() {
      return scope_2.ValueScope;
    } });
    Object.defineProperty(exports, "ValueScopeName", { enumerable: true, get: function() {
      return scope_2.ValueScopeName;
    } });
    Object.defineProperty(exports, "varKinds", { enumerable: true, get: function() {
      return scope_2.varKinds;
    } });
    exports.operators = {
      GT: new code_1._Code(">"),
      GTE: new code_1._Code(">="),
      LT: new code_1._Code("<"),
      LTE: new code_1._Code("<="),
      EQ: new code_1._Code("==="),
      NEQ: new code_1._Code("!=="),
      NOT: new code_1._Code("!"),
      OR: new code_1._Code("||"),
      AND: new code_1._Code("&&"),
      ADD: new code_1._Code("+")
    };
    var Node = class {
      optimizeNodes() {
        return this;
      }
      optimizeNames(_names, _constants) {
        return this;
      }
    };
    var Def = class extends Node {
      constructor(varKind, name, rhs) {
        super();
        this.varKind = varKind;
        this.name = name;
        this.rhs = rhs;
      }
      render({ es5, _n }) {
        const varKind = es5 ? scope_1.varKinds.var : this.varKind;
        const rhs = this.rhs === void 0 ? "" : ` = ${this.rhs}`;
        return `${varKind} ${this.name}${rhs};` + _n;
      }
      optimizeNames(names, constants2) {
        if (!names[this.name.str])
          return;
        if (this.rhs)
          this.rhs = optimizeExpr(this.rhs, names, constants2);
        return this;
      }
      get names() {
        return this.rhs instanceof code_1._CodeOrName ? this.rhs.names : {};
      }
    };
    var Assign = class extends Node {
      constructor(lhs, rhs, sideEffects) {
        super();
        this.lhs = lhs;
        this.rhs = rhs;
        this.sideEffects = sideEffects;
      }
      render({ _n }) {
        return `${this.lhs} = ${this.rhs};` + _n;
      }
      optimizeNames(names, constants2) {
        if (this.lhs instanceof code_1.Name && !names[this.lhs.str] && !this.sideEffects)
          return;
        this.rhs = optimizeExpr(this.rhs, names, constants2);
        return this;
      }
      get names() {
        const names = this.lhs instanceof code_1.Name ? {} : { ...this.lhs.names };
        return addExprNames(names, this.rhs);
      }
    };
    var AssignOp = class extends Assign {
      constructor(lhs, op, rhs, sideEffects) {
        super(lhs, rhs, sideEffects);
        this.op = op;
      }
      render({ _n }) {
        return `${this.lhs} ${this.op}= ${this.rhs};` + _n;
      }
    };
    var Label = class extends Node {
      constructor(label) {
        super();
        this.label = label;
        this.names = {};
      }
      render({ _n }) {
        return `${this.label}:` + _n;
      }
    };
    var Break = class extends Node {
      constructor(label) {
        super();
        this.label = label;
        this.names = {};
      }
      render({ _n }) {
        const label = this.label ? ` ${this.label}` : "";
        return `break${label};` + _n;
      }
    };
    var Throw = class extends Node {
      constructor(error2) {
        super();
        this.error = error2;
      }
      render({ _n }) {
        return `throw ${this.error};` + _n;
      }
      get names() {
        return this.error.names;
      }
    };
    var AnyCode = class extends Node {
      constructor(code) {
        super();
        this.code = code;
      }
      render({ _n }) {
        return `${this.code};` + _n;
      }
      optimizeNodes() {
        return `${this.code}` ? this : void 0;
      }
      optimizeNames(names, constants2) {
        this.code = optimizeExpr(this.code, names, constants2);
        return this;
      }
      get names() {
        return this.code instanceof code_1._CodeOrName ? this.code.names : {};
      }
    };
    var ParentNode = class extends Node {
      constructor(nodes = []) {
        super();
        this.nodes = nodes;
      }
      render(opts) {
        return this.nodes.reduce((code, n) => code + n.render(opts), "");
      }
      optimizeNodes() {
        const { nodes } = this;
        let i = nodes.length;
        while (i--) {
          const n = nodes[i].optimizeNodes();
          if (Array.isArray(n))
            nodes.splice(i, 1, ...n);
          else if (n)
            nodes[i] = n;
          else
            nodes.splice(i, 1);
        }
        return nodes.length > 0 ? this : void 0;
      }
      optimizeNames(names, constants2) {
        const { nodes } = this;
        let i = nodes.length;
        while (i--) {
          const n = nodes[i];
          if (n.optimizeNames(names, constants2))
            continue;
          subtractNames(names, n.names);
          nodes.splice(i, 1);
        }
        return nodes.length > 0 ? this : void 0;
      }
      get names() {
        return this.nodes.reduce((names, n) => addNames(names, n.names), {});
      }
    };
    var BlockNode = class extends ParentNode {
      render(opts) {
        return "{" + opts._n + super.render(opts) + "}" + opts._n;
      }
    };
    var Root = class extends ParentNode {
    };
    var Else = class extends BlockNode {
    };
    Else.kind = "else";
    var If = class _If extends BlockNode {
      constructor(condition, nodes) {
        super(nodes);
        this.condition = condition;
      }
      render(opts) {
        let code = `if(${this.condition})` + super.render(opts);
        if (this.else)
          code += "else " + this.else.render(opts);
        return code;
      }
      optimizeNodes() {
        super.optimizeNodes();
        const cond = this.condition;
        if (cond === true)
          return this.nodes;
        let e = this.else;
        if (e) {
          const ns = e.optimizeNodes();
          e = this.else = Array.isArray(ns) ? new Else(ns) : ns;
        }
        if (e) {
          if (cond === false)
            return e instanceof _If ? e : e.nodes;
          if (this.nodes.length)
            return this;
          return new _If(not(cond), e instanceof _If ? [e] : e.nodes);
        }
        if (cond === false || !this.nodes.length)
          return void 0;
        return this;
      }
      optimizeNames(names, constants2) {
        var _a;
        this.else = (_a = this.else) === null || _a === void 0 ? void 0 : _a.optimizeNames(names, constants2);
        if (!(super.optimizeNames(names, constants2) || this.else))
          return;
        this.condition = optimizeExpr(this.condition, names, constants2);
        return this;
      }
      get names() {
        const names = super.names;
        addExprNames(names, this.condition);
        if (this.else)
          addNames(names, this.else.names);
        return names;
      }
    };
    If.kind = "if";
    var For = class extends BlockNode {
    };
    For.kind = "for";
    var ForLoop = class extends For {
      constructor(iteration) {
        super();
        this.iteration = iteration;
      }
      render(opts) {
        return `for(${this.iteration})` + super.render(opts);
      }
      optimizeNames(names, constants2) {
        if (!super.optimizeNames(names, constants2))
          return;
        this.iteration = optimizeExpr(this.iteration, names, constants2);
        return this;
      }
      get names() {
        return addNames(super.names, this.iteration.names);
      }
    };
    var ForRange = class extends For {
      constructor(varKind, name, from, to) {
        super();
        this.varKind = varKind;
        this.name = name;
        this.from = from;
        this.to = to;
      }
      render(opts) {
        const varKind = opts.es5 ? scope_1.varKinds.var : this.varKind;
        const { name, from, to } = this;
        return `for(${varKind} ${name}=${from}; ${name}<${to}; ${name}++)` + super.render(opts);
      }
      get names() {
        const names = addExprNames(super.names, this.from);
        return addExprNames(names, this.to);
      }
    };
    var ForIter = class extends For {
      constructor(loop, varKind, name, iterable) {
        super();
        this.loop = loop;
        this.varKind = varKind;
        this.name = name;
        this.iterable = iterable;
      }
      render(opts) {
        return `for(${this.varKind} ${this.name} ${this.loop} ${this.iterable})` + super.render(opts);
      }
      optimizeNames(names, constants2) {
        if (!super.optimizeNames(names, constants2))
          return;
        this.iterable = optimizeExpr(this.iterable, names, constants2);
        return this;
      }
      get names() {
        return addNames(super.names, this.iterable.names);
      }
    };
    var Func = class extends BlockNode {
      constructor(name, args, async) {
        super();
        this.name = name;
        this.args = args;
        this.async = async;
      }
      render(opts) {
        const _async = this.async ? "async " : "";
        return `${_async}function ${this.name}(${this.args})` + super.render(opts);
      }
    };
    Func.kind = "func";
    var Return = class extends ParentNode {
      render(opts) {
        return "return " + super.render(opts);
      }
    };
    Return.kind = "return";
    var Try = class extends BlockNode {
      render(opts) {
        let code = "try" + super.render(opts);
        if (this.catch)
          code += this.catch.render(opts);
        if (this.finally)
          code += this.finally.render(opts);
        return code;
      }
      optimizeNodes() {
        var _a, _b;
        super.optimizeNodes();
        (_a = this.catch) === null || _a === void 0 ? void 0 : _a.optimizeNodes();
        (_b = this.finally) === null || _b === void 0 ? void 0 : _b.optimizeNodes();
        return this;
      }
      optimizeNames(names, constants2) {
        var _a, _b;
        super.optimizeNames(names, constants2);
        (_a = this.catch) === null || _a === void 0 ? void 0 : _a.optimizeNames(names, constants2);
        (_b = this.finally) === null || _b === void 0 ? void 0 : _b.optimizeNames(names, constants2);
        return this;
      }
      get names() {
        const names = super.names;
        if (this.catch)
          addNames(names, this.catch.names);
        if (this.finally)
          addNames(names, this.finally.names);
        return names;
      }
    };
    var Catch = class extends BlockNode {
      constructor(error2) {
        super();
        this.error = error2;
      }
      render(opts) {
        return `catch(${this.error})` + super.render(opts);
      }
    };
    Catch.kind = "catch";
    var Finally = class extends BlockNode {
      render(opts) {
        return "finally" + super.render(opts);
      }
    };
    Finally.kind = "finally";
    var CodeGen = class {
      constructor(extScope, opts = {}) {
        this._values = {};
        this._blockStarts = [];
        this._constants = {};
        this.opts = { ...opts, _n: opts.lines ? "\n" : "" };
        this._extScope = extScope;
        this._scope = new scope_1.Scope({ parent: extScope });
        this._nodes = [new Root()];
      }
      toString() {
        return this._root.render(this.opts);
      }
      // returns unique name in the internal scope
      name(prefix) {
        return this._scope.name(prefix);
      }
      // reserves unique name in the external scope
      scopeName(prefix) {
        return this._extScope.name(prefix);
      }
      // reserves unique name in the external scope and assigns value to it
      scopeValue(prefixOrName, value) {
        const name = this._extScope.value(prefixOrName, value);
        const vs = this._values[name.prefix] || (this._values[name.prefix] = /* @__PURE__ */ new Set());
        vs.add(name);
        return name;
      }
      getScopeValue(prefix, keyOrRef) {
        return this._extScope.getValue(prefix, keyOrRef);
      }
      // return code that assigns values in the external scope to the names that are used internally
      // (same names that were returned by gen.scopeName or gen.scopeValue)
      scopeRefs(scopeName) {
        return this._extScope.scopeRefs(scopeName, this._values);
      }
      scopeCode() {
        return this._extScope.scopeCode(this._values);
      }
      _def(varKind, nameOrPrefix, rhs, constant) {
        const name = this._scope.toName(nameOrPrefix);
        if (rhs !== void 0 && constant)
          this._constants[name.str] = rhs;
        this._leafNode(new Def(varKind, name, rhs));
        return name;
      }
      // `const` declaration (`var` in es5 mode)
      const(nameOrPrefix, rhs, _constant) {
        return this._def(scope_1.varKinds.const, nameOrPrefix, rhs, _constant);
      }
      // `let` declaration with optional assignment (`var` in es5 mode)
      let(nameOrPrefix, rhs, _constant) {
        return this._def(scope_1.varKinds.let, nameOrPrefix, rhs, _constant);
      }
      // `var` declaration with optional assignment
      var(nameOrPrefix, rhs, _constant) {
        return this._def(scope_1.varKinds.var, nameOrPrefix, rhs, _constant);
      }
      // assignment code
      assign(lhs, rhs, sideEffects) {
        return this._leafNode(new Assign(lhs, rhs, sideEffects));
      }
      // `+=` code
      add(lhs, rhs) {
        return this._leafNode(new AssignOp(lhs, exports.operators.ADD, rhs));
      }
      // appends passed SafeExpr to code or executes Block
      code(c) {
        if (typeof c == "function")
          c();
        else if (c !== code_1.nil)
          this._leafNode(new AnyCode(c));
        return this;
      }
      // returns code for object literal for the passed argument list of key-value pairs
      object(...keyValues) {
        const code = ["{"];
        for (const [key, value] of keyValues) {
          if (code.length > 1)
            code.push(",");
          code.push(key);
          if (key !== value || this.opts.es5) {
            code.push(":");
            (0, code_1.addCodeArg)(code, value);
          }
        }
        code.push("}");
        return new code_1._Code(code);
      }
      // `if` clause (or statement if `thenBody` and, optionally, `elseBody` are passed)
      if(condition, thenBody, elseBody) {
        this._blockNode(new If(condition));
        if (thenBody && elseBody) {
          this.code(thenBody).else().code(elseBody).endIf();
        } else if (thenBody) {
          this.code(thenBody).endIf();
        } else if (elseBody) {
          throw new Error('CodeGen: "else" body without "then" body');
        }
        return this;
      }
      // `else if` clause - invalid without `if` or after `else` clauses
      elseIf(condition) {
        return this._elseNode(new If(condition));
      }
      // `else` clause - only valid after `if` or `else if` clauses
      else() {
        return this._elseNode(new Else());
      }
      // end `if` statement (needed if gen.if was used only with condition)
      endIf() {
        return this._endBlockNode(If, Else);
      }
      _for(node, forBody) {
        this._blockNode(node);
        if (forBody)
          this.code(forBody).endFor();
        return this;
      }
      // a generic `for` clause (or statement if `forBody` is passed)
      for(iteration, forBody) {
        return this._for(new ForLoop(iteration), forBody);
      }
      // `for` statement for a range of values
      forRange(nameOrPrefix, from, to, forBody, varKind = this.opts.es5 ? scope_1.varKinds.var : scope_1.varKinds.let) {
        const name = this._scope.toName(nameOrPrefix);
        return this._for(new ForRange(varKind, name, from, to), () => forBody(name));
      }
      // `for-of` statement (in es5 mode replace with a normal for loop)
      forOf(nameOrPrefix, iterable, forBody, varKind = scope_1.varKinds.const) {
        const name = this._scope.toName(nameOrPrefix);
        if (this.opts.es5) {
          const arr = iterable instanceof code_1.Name ? iterable : this.var("_arr", iterable);
          return this.forRange("_i", 0, (0, code_1._)`${arr}.length`, (i) => {
            this.var(name, (0, code_1._)`${arr}[${i}]`);
            forBody(name);
          });
        }
        return this._for(new ForIter("of", varKind, name, iterable), () => forBody(name));
      }
      // `for-in` statement.
      // With option `ownProperties` replaced with a `for-of` loop for object keys
      forIn(nameOrPrefix, obj, forBody, varKind = this.opts.es5 ? scope_1.varKinds.var : scope_1.varKinds.const) {
        if (this.opts.ownProperties) {
          return this.forOf(nameOrPrefix, (0, code_1._)`Object.keys(${obj})`, forBody);
        }
        const name = this._scope.toName(nameOrPrefix);
        return this._for(new ForIter("in", varKind, name, obj), () => forBody(name));
      }
      // end `for` loop
      endFor() {
        return this._endBlockNode(For);
      }
      // `label` statement
      label(label) {
        return this._leafNode(new Label(label));
      }
      // `break` statement
      break(label) {
        return this._leafNode(new Break(label));
      }
      // `return` statement
      return(value) {
        const node = new Return();
        this._blockNode(node);
        this.code(value);
        if (node.nodes.length !== 1)
          throw new Error('CodeGen: "return" should have one node');
        return this._endBlockNode(Return);
      }
      // `try` statement
      try(tryBody, catchCode, finallyCode) {
        if (!catchCode && !finallyCode)
          throw new Error('CodeGen: "try" without "catch" and "finally"');
        const node = new Try();
        this._blockNode(node);
        this.code(tryBody);
        if (catchCode) {
          const error2 = this.name("e");
          this._currNode = node.catch = new Catch(error2);
          catchCode(error2);
        }
        if (finallyCode) {
          this._currNode = node.finally = new Finally();
          this.code(finallyCode);
        }
        return this._endBlockNode(Catch, Finally);
      }
      // `throw` statement
      throw(error2) {
        return this._leafNode(new Throw(error2));
      }
      // start self-balancing block
      block(body, nodeCount) {
        this._blockStarts.push(this._nodes.length);
        if (body)
          this.code(body).endBlock(nodeCount);
        return this;
      }
      // end the current self-balancing block
      endBlock(nodeCount) {
        const len = this._blockStarts.pop();
        if (len === void 0)
          throw new Error("CodeGen: not in self-balancing block");
        const toClose = this._nodes.length - len;
        if (toClose < 0 || nodeCount !== void 0 && toClose !== nodeCount) {
          throw new Error(`CodeGen: wrong number of nodes: ${toClose} vs ${nodeCount} expected`);
        }
        this._nodes.length = len;
        return this;
      }
      // `function` heading (or definition if funcBody is passed)
      func(name, args = code_1.nil, async, funcBody) {
        this._blockNode(new Func(name, args, async));
        if (funcBody)
          this.code(funcBody).endFunc();
        return this;
      }
      // end function definition
      endFunc() {
        return this._endBlockNode(Func);
      }
      optimize(n = 1) {
        while (n-- > 0) {
          this._root.optimizeNodes();
          this._root.optimizeNames(this._root.names, this._constants);
        }
      }
      _leafNode(node) {
        this._currNode.nodes.push(node);
        return this;
      }
      _blockNode(node) {
        this._currNode.nodes.push(node);
        this._nodes.push(node);
      }
      _endBlockNode(N1, N2) {
        const n = this._currNode;
        if (n instanceof N1 || N2 && n instanceof N2) {
          this._nodes.pop();
          return this;
        }
        throw new Error(`CodeGen: not in block "${N2 ? `${N1.kind}/${N2.kind}` : N1.kind}"`);
      }
      _elseNode(node) {
        const n = this._currNode;
        if (!(n instanceof If)) {
          throw new Error('CodeGen: "else" without "if"');
        }
        this._currNode = n.else = node;
        return this;
      }
      get _root() {
        return this._nodes[0];
      }
      get _currNode() {
        const ns = this._nodes;
        return ns[ns.length - 1];
      }
      set _currNode(node) {
        const ns = this._nodes;
        ns[ns.length - 1] = node;
      }
    };
    exports.CodeGen = CodeGen;
    function addNames(names, from) {
      for (const n in from)
        names[n] = (names[n] || 0) + (from[n] || 0);
      return names;
    }
    function addExprNames(names, from) {
      return from instanceof code_1._CodeOrName ? addNames(names, from.names) : names;
    }
    function optimizeExpr(expr, names, constants2) {
      if (expr instanceof code_1.Name)
        return replaceName(expr);
      if (!canOptimize(expr))
        return expr;
      return new code_1._Code(expr._items.reduce((items, c) => {
        if (c instanceof code_1.Name)
          c = replaceName(c);
        if (c instanceof code_1._Code)
          items.push(...c._items);
        else
          items.push(c);
        return items;
      }, []));
      function replaceName(n) {
        const c = constants2[n.str];
        if (c === void 0 || names[n.str] !== 1)
          return n;
        delete names[n.str];
        return c;
      }
      function canOptimize(e) {
        return e instanceof code_1._Code && e._items.some((c) => c instanceof code_1.Name && names[c.str] === 1 && constants2[c.str] !== void 0);
      }
    }
    function subtractNames(names, from) {
      for (const n in from)
        names[n] = (names[n] || 0) - (from[n] || 0);
    }
    function not(x) {
      return typeof x == "boolean" || typeof x == "number" || x === null ? !x : (0, code_1._)`!${par(x)}`;
    }
    exports.not = not;
    var andCode = mappend(exports.operators.AND);
    function and(...args) {
      return args.reduce(andCode);
    }
    exports.and = and;
    var orCode = mappend(exports.operators.OR);
    function or(...args) {
      return args.reduce(orCode);
    }
    exports.or = or;
    function mappend(op) {
      return (x, y) => x === code_1.nil ? y : y === code_1.nil ? x : (0, code_1._)`${par(x)} ${op} ${par(y)}`;
    }
    function par(x) {
      return x instanceof code_1.Name ? x : (0, code_1._)`(${x})`;
    }
  }
});

// node_modules/ajv/dist/compile/util.js
var require_util = __commonJS({
  "node_modules/ajv/dist/compile/util.js"(exports) {
    "use strict";
    Object.defineProperty(exports, "__esModule", { value: true });
    exports.checkStrictMode = exports.getErrorPath = exports.Type = exports.useFunc = exports.setEvaluated = exports.evaluatedPropsToName = exports.mergeEvaluated = exports.eachItem = exports.unescapeJsonPointer = exports.escapeJsonPointer = exports.escapeFragment = exports.unescapeFragment = exports.schemaRefOrVal = exports.schemaHasRulesButRef = exports.schemaHasRules = exports.checkUnknownRules = exports.alwaysValidSchema = exports.toHash = void 0;
    var codegen_1 = require_codegen();
    var code_1 = require_code();
    function toHash(arr) {
      const hash2 = {};
      for (const item of arr)
        hash2[item] = true;
      return hash2;
    }
    exports.toHash = toHash;
    function alwaysValidSchema(it, schema) {
      if (typeof schema == "boolean")
        return schema;
      if (Object.keys(schema).length === 0)
        return true;
      checkUnknownRules(it, schema);
      return !schemaHasRules(schema, it.self.RULES.all);
    }
    exports.alwaysValidSchema = alwaysValidSchema;
    function checkUnknownRules(it, schema = it.schema) {
      const { opts, self } = it;
      if (!opts.strictSchema)
        return;
      if (typeof schema === "boolean")
        return;
      const rules = self.RULES.keywords;
      for (const key in schema) {
        if (!rules[key])
          checkStrictMode(it, `unknown keyword: "${key}"`);
      }
    }
    exports.checkUnknownRules = checkUnknownRules;
    function schemaHasRules(schema, rules) {
      if (typeof schema == "boolean")
        return !schema;
      for (const key in schema)
        if (rules[key])
          return true;
      return false;
    }
    exports.schemaHasRules = schemaHasRules;
    function schemaHasRulesButRef(schema, RULES) {
      if (typeof schema == "boolean")
        return !schema;
      for (const key in schema)
        if (key !== "$ref" && RULES.all[key])
          return true;
      return false;
    }
    exports.schemaHasRulesButRef = schemaHasRulesButRef;
    function schemaRefOrVal({ topSchemaRef, schemaPath }, schema, keyword, $data) {
      if (!$data) {
        if (typeof schema == "number" || typeof schema == "boolean")
          return schema;
        if (typeof schema == "string")
          return (0, codegen_1._)`${schema}`;
      }
      return (0, codegen_1._)`${topSchemaRef}${schemaPath}${(0, codegen_1.getProperty)(keyword)}`;
    }
    exports.schemaRefOrVal = schemaRefOrVal;
    function unescapeFragment(str) {
      return unescapeJsonPointer(decodeURIComponent(str));
    }
    exports.unescapeFragment = unescapeFragment;
    function escapeFragment(str) {
      return encodeURIComponent(escapeJsonPointer(str));
    }
    exports.escapeFragment = escapeFragment;
    function escapeJsonPointer(str) {
      if (typeof str == "number")
        return `${str}`;
      return str.replace(/~/g, "~0").replace(/\//g, "~1");
    }
    exports.escapeJsonPointer = escapeJsonPointer;
    function unescapeJsonPointer(str) {
      return str.replace(/~1/g, "/").replace(/~0/g, "~");
    }
    exports.unescapeJsonPointer = unescapeJsonPointer;
    function eachItem(xs, f) {
      if (Array.isArray(xs)) {
        for (const x of xs)
          f(x);
      } else {
        f(xs);
      }
    }
    exports.eachItem = eachItem;
    function makeMergeEvaluated({ mergeNames, mergeToName, mergeValues, resultToName }) {
      return (gen, from, to, toName) => {
        const res = to === void 0 ? from : to instanceof codegen_1.Name ? (from instanceof codegen_1.Name ? mergeNames(gen, from, to) : mergeToName(gen, from, to), to) : from instanceof codegen_1.Name ? (mergeToName(gen, to, from), from) : mergeValues(from, to);
        return toName === codegen_1.Name && !(res instanceof codegen_1.Name) ? resultToName(gen, res) : res;
      };
    }
    exports.mergeEvaluated = {
      props: makeMergeEvaluated({
        mergeNames: (gen, from, to) => gen.if((0, codegen_1._)`${to} !== true && ${from} !== undefined`, () => {
          gen.if((0, codegen_1._)`${from} === true`, () => gen.assign(to, true), () => gen.assign(to, (0, codegen_1._)`${to} || {}`).code((0, codegen_1._)`Object.assign(${to}, ${from})`));
        }),
        mergeToName: (gen, from, to) => gen.if((0, codegen_1._)`${to} !== true`, () => {
          if (from === true) {
            gen.assign(to, true);
          } else {
            gen.assign(to, (0, codegen_1._)`${to} || {}`);
            setEvaluated(gen, to, from);
          }
        }),
        mergeValues: (from, to) => from === true ? true : { ...from, ...to },
        resultToName: evaluatedPropsToName
      }),
      items: makeMergeEvaluated({
        mergeNames: (gen, from, to) => gen.if((0, codegen_1._)`${to} !== true && ${from} !== undefined`, () => gen.assign(to, (0, codegen_1._)`${from} === true ? true : ${to} > ${from} ? ${to} : ${from}`)),
        mergeToName: (gen, from, to) => gen.if((0, codegen_1._)`${to} !== true`, () => gen.assign(to, from === true ? true : (0, codegen_1._)`${to} > ${from} ? ${to} : ${from}`)),
        mergeValues: (from, to) => from === true ? true : Math.max(from, to),
        resultToName: (gen, items) => gen.var("items", items)
      })
    };
    function evaluatedPropsToName(gen, ps) {
      if (ps === true)
        return gen.var("props", true);
      const props = gen.var("props", (0, codegen_1._)`{}`);
      if (ps !== void 0)
        setEvaluated(gen, props, ps);
      return props;
    }
    exports.evaluatedPropsToName = evaluatedPropsToName;
    function setEvaluated(gen, props, ps) {
      Object.keys(ps).forEach((p) => gen.assign((0, codegen_1._)`${props}${(0, codegen_1.getProperty)(p)}`, true));
    }
    exports.setEvaluated = setEvaluated;
    var snippets = {};
    function useFunc(gen, f) {
      return gen.scopeValue("func", {
        ref: f,
        code: snippets[f.code] || (snippets[f.code] = new code_1._Code(f.code))
      });
    }
    exports.useFunc = useFunc;
    var Type;
    (function(Type2) {
      Type2[Type2["Num"] = 0] = "Num";
      Type2[Type2["Str"] = 1] = "Str";
    })(Type || (exports.Type = Type = {}));
    function getErrorPath(dataProp, dataPropType, jsPropertySyntax) {
      if (dataProp instanceof codegen_1.Name) {
        const isNumber = dataPropType === Type.Num;
        return jsPropertySyntax ? isNumber ? (0, codegen_1._)`"[" + ${dataProp} + "]"` : (0, codegen_1._)`"['" + ${dataProp} + "']"` : isNumber ? (0, codegen_1._)`"/" + ${dataProp}` : (0, codegen_1._)`"/" + ${dataProp}.replace(/~/g, "~0").replace(/\\//g, "~1")`;
      }
      return jsPropertySyntax ? (0, codegen_1.getProperty)(dataProp).toString() : "/" + escapeJsonPointer(dataProp);
    }
    exports.getErrorPath = getErrorPath;
    function checkStrictMode(it, msg, mode = it.opts.strictSchema) {
      if (!mode)
        return;
      msg = `strict mode: ${msg}`;
      if (mode === true)
        throw new Error(msg);
      it.self.logger.warn(msg);
    }
    exports.checkStrictMode = checkStrictMode;
  }
});

// node_modules/ajv/dist/compile/names.js
var require_names = __commonJS({
  "node_modules/ajv/dist/compile/names.js"(exports) {
    "use strict";
    Object.defineProperty(exports, "__esModule", { value: true });
    var codegen_1 = require_codegen();
    var names = {
      // validation function arguments
      data: new codegen_1.Name("data"),
      // data passed to validation function
      // args passed from referencing schema
      valCxt: new codegen_1.Name("valCxt"),
      // validation/data context - should not be used directly, it is destructured to the names below
      instancePath: new codegen_1.Name("instancePath"),
      parentData: new codegen_1.Name("parentData"),
      parentDataProperty: new codegen_1.Name("parentDataProperty"),
      rootData: new codegen_1.Name("rootData"),
      // root data - same as the data passed to the first/top validation function
      dynamicAnchors: new codegen_1.Name("dynamicAnchors"),
      // used to support recursiveRef and dynamicRef
      // function scoped variables
      vErrors: new codegen_1.Name("vErrors"),
      // null or array of validation errors
      errors: new codegen_1.Name("errors"),
      // counter of validation errors
      this: new codegen_1.Name("this"),
      // "globals"
      self: new codegen_1.Name("self"),
      scope: new codegen_1.Name("scope"),
      // JTD serialize/parse name for JSON string and position
      json: new codegen_1.Name("json"),
      jsonPos: new codegen_1.Name("jsonPos"),
      jsonLen: new codegen_1.Name("jsonLen"),
      jsonPart: new codegen_1.Name("jsonPart")
    };
    exports.default = names;
  }
});

// node_modules/ajv/dist/compile/errors.js
var require_errors = __commonJS({
  "node_modules/ajv/dist/compile/errors.js"(exports) {
    "use strict";
    Object.defineProperty(exports, "__esModule", { value: true });
    exports.extendErrors = exports.resetErrorsCount = exports.reportExtraError = exports.reportError = exports.keyword$DataError = exports.keywordError = void 0;
    var codegen_1 = require_codegen();
    var util_1 = require_util();
    var names_1 = require_names();
    exports.keywordError = {
      message: ({ keyword }) => (0, codegen_1.str)`must pass "${keyword}" keyword validation`
    };
    exports.keyword$DataError = {
      message: ({ keyword, schemaType }) => schemaType ? (0, codegen_1.str)`"${keyword}" keyword must be ${schemaType} ($data)` : (0, codegen_1.str)`"${keyword}" keyword is invalid ($data)`
    };
    function reportError(cxt, error2 = exports.keywordError, errorPaths, overrideAllErrors) {
      const { it } = cxt;
      const { gen, compositeRule, allErrors } = it;
      const errObj = errorObjectCode(cxt, error2, errorPaths);
      if (overrideAllErrors !== null && overrideAllErrors !== void 0 ? overrideAllErrors : compositeRule || allErrors) {
        addError(gen, errObj);
      } else {
        returnErrors(it, (0, codegen_1._)`[${errObj}]`);
      }
    }
    exports.reportError = reportError;
    function reportExtraError(cxt, error2 = exports.keywordError, errorPaths) {
      const { it } = cxt;
      const { gen, compositeRule, allErrors } = it;
      const errObj = errorObjectCode(cxt, error2, errorPaths);
      addError(gen, errObj);
      if (!(compositeRule || allErrors)) {
        returnErrors(it, names_1.default.vErrors);
      }
    }
    exports.reportExtraError = reportExtraError;
    function resetErrorsCount(gen, errsCount) {
      gen.assign(names_1.default.errors, errsCount);
      gen.if((0, codegen_1._)`${names_1.default.vErrors} !== null`, () => gen.if(errsCount, () => gen.assign((0, codegen_1._)`${names_1.default.vErrors}.length`, errsCount), () => gen.assign(names_1.default.vErrors, null)));
    }
    exports.resetErrorsCount = resetErrorsCount;
    function extendErrors({ gen, keyword, schemaValue, data, errsCount, it }) {
      if (errsCount === void 0)
        throw new Error("ajv implementation error");
      const err = gen.name("err");
      gen.forRange("i", errsCount, names_1.default.errors, (i) => {
        gen.const(err, (0, codegen_1._)`${names_1.default.vErrors}[${i}]`);
        gen.if((0, codegen_1._)`${err}.instancePath === undefined`, () => gen.assign((0, codegen_1._)`${err}.instancePath`, (0, codegen_1.strConcat)(names_1.default.instancePath, it.errorPath)));
        gen.assign((0, codegen_1._)`${err}.schemaPath`, (0, codegen_1.str)`${it.errSchemaPath}/${keyword}`);
        if (it.opts.verbose) {
          gen.assign((0, codegen_1._)`${err}.schema`, schemaValue);
          gen.assign((0, codegen_1._)`${err}.data`, data);
        }
      });
    }
    exports.extendErrors = extendErrors;
    function addError(gen, errObj) {
      const err = gen.const("err", errObj);
      gen.if((0, codegen_1._)`${names_1.default.vErrors} === null`, () => gen.assign(names_1.default.vErrors, (0, codegen_1._)`[${err}]`), (0, codegen_1._)`${names_1.default.vErrors}.push(${err})`);
      gen.code((0, codegen_1._)`${names_1.default.errors}++`);
    }
    function returnErrors(it, errs) {
      const { gen, validateName, schemaEnv } = it;
      if (schemaEnv.$async) {
        gen.throw((0, codegen_1._)`new ${it.ValidationError}(${errs})`);
      } else {
        gen.assign((0, codegen_1._)`${validateName}.errors`, errs);
        gen.return(false);
      }
    }
    var E = {
      keyword: new codegen_1.Name("keyword"),
      schemaPath: new codegen_1.Name("schemaPath"),
      // also used in JTD errors
      params: new codegen_1.Name("params"),
      propertyName: new codegen_1.Name("propertyName"),
      message: new codegen_1.Name("message"),
      schema: new codegen_1.Name("schema"),
      parentSchema: new codegen_1.Name("parentSchema")
    };
    function errorObjectCode(cxt, error2, errorPaths) {
      const { createErrors } = cxt.it;
      if (createErrors === false)
        return (0, codegen_1._)`{}`;
      return errorObject(cxt, error2, errorPaths);
    }
    function errorObject(cxt, error2, errorPaths = {}) {
      const { gen, it } = cxt;
      const keyValues = [
        errorInstancePath(it, errorPaths),
        errorSchemaPath(cxt, errorPaths)
      ];
      extraErrorProps(cxt, error2, keyValues);
      return gen.object(...keyValues);
    }
    function errorInstancePath({ errorPath }, { instancePath }) {
      const instPath = instancePath ? (0, codegen_1.str)`${errorPath}${(0, util_1.getErrorPath)(instancePath, util_1.Type.Str)}` : errorPath;
      return [names_1.default.instancePath, (0, codegen_1.strConcat)(names_1.default.instancePath, instPath)];
    }
    function errorSchemaPath({ keyword, it: { errSchemaPath } }, { schemaPath, parentSchema }) {
      let schPath = parentSchema ? errSchemaPath : (0, codegen_1.str)`${errSchemaPath}/${keyword}`;
      if (schemaPath) {
        schPath = (0, codegen_1.str)`${schPath}${(0, util_1.getErrorPath)(schemaPath, util_1.Type.Str)}`;
      }
      return [E.schemaPath, schPath];
    }
    function extraErrorProps(cxt, { params, message }, keyValues) {
      const { keyword, data, schemaValue, it } = cxt;
      const { opts, propertyName, topSchemaRef, schemaPath } = it;
      keyValues.push([E.keyword, keyword], [E.params, typeof params == "function" ? params(cxt) : params || (0, codegen_1._)`{}`]);
      if (opts.messages) {
        keyValues.push([E.message, typeof message == "function" ? message(cxt) : message]);
      }
      if (opts.verbose) {
        keyValues.push([E.schema, schemaValue], [E.parentSchema, (0, codegen_1._)`${topSchemaRef}${schemaPath}`], [names_1.default.data, data]);
      }
      if (propertyName)
        keyValues.push([E.propertyName, propertyName]);
    }
  }
});

// node_modules/ajv/dist/compile/validate/boolSchema.js
var require_boolSchema = __commonJS({
  "node_modules/ajv/dist/compile/validate/boolSchema.js"(exports) {
    "use strict";
    Object.defineProperty(exports, "__esModule", { value: true });
    exports.boolOrEmptySchema = exports.topBoolOrEmptySchema = void 0;
    var errors_1 = require_errors();
    var codegen_1 = require_codegen();
    var names_1 = require_names();
    var boolError = {
      message: "boolean schema is false"
    };
    function topBoolOrEmptySchema(it) {
      const { gen, schema, validateName } = it;
      if (schema === false) {
        falseSchemaError(it, false);
      } else if (typeof schema == "object" && schema.$async === true) {
        gen.return(names_1.default.data);
      } else {
        gen.assign((0, codegen_1._)`${validateName}.errors`, null);
        gen.return(true);
      }
    }
    exports.topBoolOrEmptySchema = topBoolOrEmptySchema;
    function boolOrEmptySchema(it, valid) {
      const { gen, schema } = it;
      if (schema === false) {
        gen.var(valid, false);
        falseSchemaError(it);
      } else {
        gen.var(valid, true);
      }
    }
    exports.boolOrEmptySchema = boolOrEmptySchema;
    function falseSchemaError(it, overrideAllErrors) {
      const { gen, data } = it;
      const cxt = {
        gen,
        keyword: "false schema",
        data,
        schema: false,
        schemaCode: false,
        schemaValue: false,
        params: {},
        it
      };
      (0, errors_1.reportError)(cxt, boolError, void 0, overrideAllErrors);
    }
  }
});

// node_modules/ajv/dist/compile/rules.js
var require_rules = __commonJS({
  "node_modules/ajv/dist/compile/rules.js"(exports) {
    "use strict";
    Object.defineProperty(exports, "__esModule", { value: true });
    exports.getRules = exports.isJSONType = void 0;
    var _jsonTypes = ["string", "number", "integer", "boolean", "null", "object", "array"];
    var jsonTypes = new Set(_jsonTypes);
    function isJSONType(x) {
      return typeof x == "string" && jsonTypes.has(x);
    }
    exports.isJSONType = isJSONType;
    function getRules() {
      const groups = {
        number: { type: "number", rules: [] },
        string: { type: "string", rules: [] },
        array: { type: "array", rules: [] },
        object: { type: "object", rules: [] }
      };
      return {
        types: { ...groups, integer: true, boolean: true, null: true },
        rules: [{ rules: [] }, groups.number, groups.string, groups.array, groups.object],
        post: { rules: [] },
        all: {},
        keywords: {}
      };
    }
    exports.getRules = getRules;
  }
});

// node_modules/ajv/dist/compile/validate/applicability.js
var require_applicability = __commonJS({
  "node_modules/ajv/dist/compile/validate/applicability.js"(exports) {
    "use strict";
    Object.defineProperty(exports, "__esModule", { value: true });
    exports.shouldUseRule = exports.shouldUseGroup = exports.schemaHasRulesForType = void 0;
    function schemaHasRulesForType({ schema, self }, type) {
      const group2 = self.RULES.types[type];
      return group2 && group2 !== true && shouldUseGroup(schema, group2);
    }
    exports.schemaHasRulesForType = schemaHasRulesForType;
    function shouldUseGroup(schema, group2) {
      return group2.rules.some((rule) => shouldUseRule(schema, rule));
    }
    exports.shouldUseGroup = shouldUseGroup;
    function shouldUseRule(schema, rule) {
      var _a;
      return schema[rule.keyword] !== void 0 || ((_a = rule.definition.implements) === null || _a === void 0 ? void 0 : _a.some((kwd) => schema[kwd] !== void 0));
    }
    exports.shouldUseRule = shouldUseRule;
  }
});

// node_modules/ajv/dist/compile/validate/dataType.js
var require_dataType = __commonJS({
  "node_modules/ajv/dist/compile/validate/dataType.js"(exports) {
    "use strict";
    Object.defineProperty(exports, "__esModule", { value: true });
    exports.reportTypeError = exports.checkDataTypes = exports.checkDataType = exports.coerceAndCheckDataType = exports.getJSONTypes = exports.getSchemaTypes = exports.DataType = void 0;
    var rules_1 = require_rules();
    var applicability_1 = require_applicability();
    var errors_1 = require_errors();
    var codegen_1 = require_codegen();
    var util_1 = require_util();
    var DataType;
    (function(DataType2) {
      DataType2[DataType2["Correct"] = 0] = "Correct";
      DataType2[DataType2["Wrong"] = 1] = "Wrong";
    })(DataType || (exports.DataType = DataType = {}));
    function getSchemaTypes(schema) {
      const types = getJSONTypes(schema.type);
      const hasNull = types.includes("null");
      if (hasNull) {
        if (schema.nullable === false)
          throw new Error("type: null contradicts nullable: false");
      } else {
        if (!types.length && schema.nullable !== void 0) {
          throw new Error('"nullable" cannot be used without "type"');
        }
        if (schema.nullable === true)
          types.push("null");
      }
      return types;
    }
    exports.getSchemaTypes = getSchemaTypes;
    function getJSONTypes(ts) {
      const types = Array.isArray(ts) ? ts : ts ? [ts] : [];
      if (types.every(rules_1.isJSONType))
        return types;
      throw new Error("type must be JSONType or JSONType[]: " + types.join(","));
    }
    exports.getJSONTypes = getJSONTypes;
    function coerceAndCheckDataType(it, types) {
      const { gen, data, opts } = it;
      const coerceTo = coerceToTypes(types, opts.coerceTypes);
      const checkTypes = types.length > 0 && !(coerceTo.length === 0 && types.length === 1 && (0, applicability_1.schemaHasRulesForType)(it, types[0]));
      if (checkTypes) {
        const wrongType = checkDataTypes(types, data, opts.strictNumbers, DataType.Wrong);
        gen.if(wrongType, () => {
          if (coerceTo.length)
            coerceData(it, types, coerceTo);
          else
            reportTypeError(it);
        });
      }
      return checkTypes;
    }
    exports.coerceAndCheckDataType = coerceAndCheckDataType;
    var COERCIBLE = /* @__PURE__ */ new Set(["string", "number", "integer", "boolean", "null"]);
    function coerceToTypes(types, coerceTypes) {
      return coerceTypes ? types.filter((t) => COERCIBLE.has(t) || coerceTypes === "array" && t === "array") : [];
    }
    function coerceData(it, types, coerceTo) {
      const { gen, data, opts } = it;
      const dataType = gen.let("dataType", (0, codegen_1._)`typeof ${data}`);
      const coerced = gen.let("coerced", (0, codegen_1._)`undefined`);
      if (opts.coerceTypes === "array") {
        gen.if((0, codegen_1._)`${dataType} == 'object' && Array.isArray(${data}) && ${data}.length == 1`, () => gen.assign(data, (0, codegen_1._)`${data}[0]`).assign(dataType, (0, codegen_1._)`typeof ${data}`).if(checkDataTypes(types, data, opts.strictNumbers), () => gen.assign(coerced, data)));
      }
      gen.if((0, codegen_1._)`${coerced} !== undefined`);
      for (const t of coerceTo) {
        if (COERCIBLE.has(t) || t === "array" && opts.coerceTypes === "array") {
          coerceSpecificType(t);
        }
      }
      gen.else();
      reportTypeError(it);
      gen.endIf();
      gen.if((0, codegen_1._)`${coerced} !== undefined`, () => {
        gen.assign(data, coerced);
        assignParentData(it, coerced);
      });
      function coerceSpecificType(t) {
        switch (t) {
          case "string":
            gen.elseIf((0, codegen_1._)`${dataType} == "number" || ${dataType} == "boolean"`).assign(coerced, (0, codegen_1._)`"" + ${data}`).elseIf((0, codegen_1._)`${data} === null`).assign(coerced, (0, codegen_1._)`""`);
            return;
          case "number":
            gen.elseIf((0, codegen_1._)`${dataType} == "boolean" || ${data} === null
              || (${dataType} == "string" && ${data} && ${data} == +${data})`).assign(coerced, (0, codegen_1._)`+${data}`);
            return;
          case "integer":
            gen.elseIf((0, codegen_1._)`${dataType} === "boolean" || ${data} === null
              || (${dataType} === "string" && ${data} && ${data} == +${data} && !(${data} % 1))`).assign(coerced, (0, codegen_1._)`+${data}`);
            return;
          case "boolean":
            gen.elseIf((0, codegen_1._)`${data} === "false" || ${data} === 0 || ${data} === null`).assign(coerced, false).elseIf((0, codegen_1._)`${data} === "true" || ${data} === 1`).assign(coerced, true);
            return;
          case "null":
            gen.elseIf((0, codegen_1._)`${data} === "" || ${data} === 0 || ${data} === false`);
            gen.assign(coerced, null);
            return;
          case "array":
            gen.elseIf((0, codegen_1._)`${dataType} === "string" || ${dataType} === "number"
              || ${dataType} === "boolean" || ${data} === null`).assign(coerced, (0, codegen_1._)`[${data}]`);
        }
      }
    }
    function assignParentData({ gen, parentData, parentDataProperty }, expr) {
      gen.if((0, codegen_1._)`${parentData} !== undefined`, () => gen.assign((0, codegen_1._)`${parentData}[${parentDataProperty}]`, expr));
    }
    function checkDataType(dataType, data, strictNums, correct = DataType.Correct) {
      const EQ = correct === DataType.Correct ? codegen_1.operators.EQ : codegen_1.operators.NEQ;
      let cond;
      switch (dataType) {
        case "null":
          return (0, codegen_1._)`${data} ${EQ} null`;
        case "array":
          cond = (0, codegen_1._)`Array.isArray(${data})`;
          break;
        case "object":
          cond = (0, codegen_1._)`${data} && typeof ${data} == "object" && !Array.isArray(${data})`;
          break;
        case "integer":
          cond = numCond((0, codegen_1._)`!(${data} % 1) && !isNaN(${data})`);
          break;
        case "number":
          cond = numCond();
          break;
        default:
          return (0, codegen_1._)`typeof ${data} ${EQ} ${dataType}`;
      }
      return correct === DataType.Correct ? cond : (0, codegen_1.not)(cond);
      function numCond(_cond = codegen_1.nil) {
        return (0, codegen_1.and)((0, codegen_1._)`typeof ${data} == "number"`, _cond, strictNums ? (0, codegen_1._)`isFinite(${data})` : codegen_1.nil);
      }
    }
    exports.checkDataType = checkDataType;
    function checkDataTypes(dataTypes, data, strictNums, correct) {
      if (dataTypes.length === 1) {
        return checkDataType(dataTypes[0], data, strictNums, correct);
      }
      let cond;
      const types = (0, util_1.toHash)(dataTypes);
      if (types.array && types.object) {
        const notObj = (0, codegen_1._)`typeof ${data} != "object"`;
        cond = types.null ? notObj : (0, codegen_1._)`!${data} || ${notObj}`;
        delete types.null;
        delete types.array;
        delete types.object;
      } else {
        cond = codegen_1.nil;
      }
      if (types.number)
        delete types.integer;
      for (const t in types)
        cond = (0, codegen_1.and)(cond, checkDataType(t, data, strictNums, correct));
      return cond;
    }
    exports.checkDataTypes = checkDataTypes;
    var typeError = {
      message: ({ schema }) => `must be ${schema}`,
      params: ({ schema, schemaValue }) => typeof schema == "string" ? (0, codegen_1._)`{type: ${schema}}` : (0, codegen_1._)`{type: ${schemaValue}}`
    };
    function reportTypeError(it) {
      const cxt = getTypeErrorContext(it);
      (0, errors_1.reportError)(cxt, typeError);
    }
    exports.reportTypeError = reportTypeError;
    function getTypeErrorContext(it) {
      const { gen, data, schema } = it;
      const schemaCode = (0, util_1.schemaRefOrVal)(it, schema, "type");
      return {
        gen,
        keyword: "type",
        data,
        schema: schema.type,
        schemaCode,
        schemaValue: schemaCode,
        parentSchema: schema,
        params: {},
        it
      };
    }
  }
});

// node_modules/ajv/dist/compile/validate/defaults.js
var require_defaults = __commonJS({
  "node_modules/ajv/dist/compile/validate/defaults.js"(exports) {
    "use strict";
    Object.defineProperty(exports, "__esModule", { value: true });
    exports.assignDefaults = void 0;
    var codegen_1 = require_codegen();
    var util_1 = require_util();
    function assignDefaults(it, ty) {
      const { properties, items } = it.schema;
      if (ty === "object" && properties) {
        for (const key in properties) {
          assignDefault(it, key, properties[key].default);
        }
      } else if (ty === "array" && Array.isArray(items)) {
        items.forEach((sch, i) => assignDefault(it, i, sch.default));
      }
    }
    exports.assignDefaults = assignDefaults;
    function assignDefault(it, prop, defaultValue) {
      const { gen, compositeRule, data, opts } = it;
      if (defaultValue === void 0)
        return;
      const childData = (0, codegen_1._)`${data}${(0, codegen_1.getProperty)(prop)}`;
      if (compositeRule) {
        (0, util_1.checkStrictMode)(it, `default is ignored for: ${childData}`);
        return;
      }
      let condition = (0, codegen_1._)`${childData} === undefined`;
      if (opts.useDefaults === "empty") {
        condition = (0, codegen_1._)`${condition} || ${childData} === null || ${childData} === ""`;
      }
      gen.if(condition, (0, codegen_1._)`${childData} = ${(0, codegen_1.stringify)(defaultValue)}`);
    }
  }
});

// node_modules/ajv/dist/vocabularies/code.js
var require_code2 = __commonJS({
  "node_modules/ajv/dist/vocabularies/code.js"(exports) {
    "use strict";
    Object.defineProperty(exports, "__esModule", { value: true });
    exports.validateUnion = exports.validateArray = exports.usePattern = exports.callValidateCode = exports.schemaProperties = exports.allSchemaProperties = exports.noPropertyInData = exports.propertyInData = exports.isOwnProperty = exports.hasPropFunc = exports.reportMissingProp = exports.checkMissingProp = exports.checkReportMissingProp = void 0;
    var codegen_1 = require_codegen();
    var util_1 = require_util();
    var names_1 = require_names();
    var util_2 = require_util();
    function checkReportMissingProp(cxt, prop) {
      const { gen, data, it } = cxt;
      gen.if(noPropertyInData(gen, data, prop, it.opts.ownProperties), () => {
        cxt.setParams({ missingProperty: (0, codegen_1._)`${prop}` }, true);
        cxt.error();
      });
    }
    exports.checkReportMissingProp = checkReportMissingProp;
    function checkMissingProp({ gen, data, it: { opts } }, properties, missing) {
      return (0, codegen_1.or)(...properties.map((prop) => (0, codegen_1.and)(noPropertyInData(gen, data, prop, opts.ownProperties), (0, codegen_1._)`${missing} = ${prop}`)));
    }
    exports.checkMissingProp = checkMissingProp;
    function reportMissingProp(cxt, missing) {
      cxt.setParams({ missingProperty: missing }, true);
      cxt.error();
    }
    exports.reportMissingProp = reportMissingProp;
    function hasPropFunc(gen) {
      return gen.scopeValue("func", {
        // eslint-disable-next-line @typescript-eslint/unbound-method
        ref: Object.prototype.hasOwnProperty,
        code: (0, codegen_1._)`Object.prototype.hasOwnProperty`
      });
    }
    exports.hasPropFunc = hasPropFunc;
    function isOwnProperty(gen, data, property) {
      return (0, codegen_1._)`${hasPropFunc(gen)}.call(${data}, ${property})`;
    }
    exports.isOwnProperty = isOwnProperty;
    function propertyInData(gen, data, property, ownProperties) {
      const cond = (0, codegen_1._)`${data}${(0, codegen_1.getProperty)(property)} !== undefined`;
      return ownProperties ? (0, codegen_1._)`${cond} && ${isOwnProperty(gen, data, property)}` : cond;
    }
    exports.propertyInData = propertyInData;
    function noPropertyInData(gen, data, property, ownProperties) {
      const cond = (0, codegen_1._)`${data}${(0, codegen_1.getProperty)(property)} === undefined`;
      return ownProperties ? (0, codegen_1.or)(cond, (0, codegen_1.not)(isOwnProperty(gen, data, property))) : cond;
    }
    exports.noPropertyInData = noPropertyInData;
    function allSchemaProperties(schemaMap) {
      return schemaMap ? Object.keys(schemaMap).filter((p) => p !== "__proto__") : [];
    }
    exports.allSchemaProperties = allSchemaProperties;
    function schemaProperties(it, schemaMap) {
      return allSchemaProperties(schemaMap).filter((p) => !(0, util_1.alwaysValidSchema)(it, schemaMap[p]));
    }
    exports.schemaProperties = schemaProperties;
    function callValidateCode({ schemaCode, data, it: { gen, topSchemaRef, schemaPath, errorPath }, it }, func, context, passSchema) {
      const dataAndSchema = passSchema ? (0, codegen_1._)`${schemaCode}, ${data}, ${topSchemaRef}${schemaPath}` : data;
      const valCxt = [
        [names_1.default.instancePath, (0, codegen_1.strConcat)(names_1.default.instancePath, errorPath)],
        [names_1.default.parentData, it.parentData],
        [names_1.default.parentDataProperty, it.parentDataProperty],
        [names_1.default.rootData, names_1.default.rootData]
      ];
      if (it.opts.dynamicRef)
        valCxt.push([names_1.default.dynamicAnchors, names_1.default.dynamicAnchors]);
      const args = (0, codegen_1._)`${dataAndSchema}, ${gen.object(...valCxt)}`;
      return context !== codegen_1.nil ? (0, codegen_1._)`${func}.call(${context}, ${args})` : (0, codegen_1._)`${func}(${args})`;
    }
    exports.callValidateCode = callValidateCode;
    var newRegExp = (0, codegen_1._)`new RegExp`;
    function usePattern({ gen, it: { opts } }, pattern) {
      const u = opts.unicodeRegExp ? "u" : "";
      const { regExp } = opts.code;
      const rx = regExp(pattern, u);
      return gen.scopeValue("pattern", {
        key: rx.toString(),
        ref: rx,
        code: (0, codegen_1._)`${regExp.code === "new RegExp" ? newRegExp : (0, util_2.useFunc)(gen, regExp)}(${pattern}, ${u})`
      });
    }
    exports.usePattern = usePattern;
    function validateArray(cxt) {
      const { gen, data, keyword, it } = cxt;
      const valid = gen.name("valid");
      if (it.allErrors) {
        const validArr = gen.let("valid", true);
        validateItems(() => gen.assign(validArr, false));
        return validArr;
      }
      gen.var(valid, true);
      validateItems(() => gen.break());
      return valid;
      function validateItems(notValid) {
        const len = gen.const("len", (0, codegen_1._)`${data}.length`);
        gen.forRange("i", 0, len, (i) => {
          cxt.subschema({
            keyword,
            dataProp: i,
            dataPropType: util_1.Type.Num
          }, valid);
          gen.if((0, codegen_1.not)(valid), notValid);
        });
      }
    }
    exports.validateArray = validateArray;
    function validateUnion(cxt) {
      const { gen, schema, keyword, it } = cxt;
      if (!Array.isArray(schema))
        throw new Error("ajv implementation error");
      const alwaysValid = schema.some((sch) => (0, util_1.alwaysValidSchema)(it, sch));
      if (alwaysValid && !it.opts.unevaluated)
        return;
      const valid = gen.let("valid", false);
      const schValid = gen.name("_valid");
      gen.block(() => schema.forEach((_sch, i) => {
        const schCxt = cxt.subschema({
          keyword,
          schemaProp: i,
          compositeRule: true
        }, schValid);
        gen.assign(valid, (0, codegen_1._)`${valid} || ${schValid}`);
        const merged = cxt.mergeValidEvaluated(schCxt, schValid);
        if (!merged)
          gen.if((0, codegen_1.not)(valid));
      }));
      cxt.result(valid, () => cxt.reset(), () => cxt.error(true));
    }
    exports.validateUnion = validateUnion;
  }
});

// node_modules/ajv/dist/compile/validate/keyword.js
var require_keyword = __commonJS({
  "node_modules/ajv/dist/compile/validate/keyword.js"(exports) {
    "use strict";
    Object.defineProperty(exports, "__esModule", { value: true });
    exports.validateKeywordUsage = exports.validSchemaType = exports.funcKeywordCode = exports.macroKeywordCode = void 0;
    var codegen_1 = require_codegen();
    var names_1 = require_names();
    var code_1 = require_code2();
    var errors_1 = require_errors();
    function macroKeywordCode(cxt, def) {
      const { gen, keyword, schema, parentSchema, it } = cxt;
      const macroSchema = def.macro.call(it.self, schema, parentSchema, it);
      const schemaRef = useKeyword(gen, keyword, macroSchema);
      if (it.opts.validateSchema !== false)
        it.self.validateSchema(macroSchema, true);
      const valid = gen.name("valid");
      cxt.subschema({
        schema: macroSchema,
        schemaPath: codegen_1.nil,
        errSchemaPath: `${it.errSchemaPath}/${keyword}`,
        topSchemaRef: schemaRef,
        compositeRule: true
      }, valid);
      cxt.pass(valid, () => cxt.error(true));
    }
    exports.macroKeywordCode = macroKeywordCode;
    function funcKeywordCode(cxt, def) {
      var _a;
      const { gen, keyword, schema, parentSchema, $data, it } = cxt;
      checkAsyncKeyword(it, def);
      const validate = !$data && def.compile ? def.compile.call(it.self, schema, parentSchema, it) : def.validate;
      const validateRef = useKeyword(gen, keyword, validate);
      const valid = gen.let("valid");
      cxt.block$data(valid, validateKeyword);
      cxt.ok((_a = def.valid) !== null && _a !== void 0 ? _a : valid);
      function validateKeyword() {
        if (def.errors === false) {
          assignValid();
          if (def.modifying)
            modifyData(cxt);
          reportErrs(() => cxt.error());
        } else {
          const ruleErrs = def.async ? validateAsync() : validateSync();
          if (def.modifying)
            modifyData(cxt);
          reportErrs(() => addErrs(cxt, ruleErrs));
        }
      }
      function validateAsync() {
        const ruleErrs = gen.let("ruleErrs", null);
        gen.try(() => assignValid((0, codegen_1._)`await `), (e) => gen.assign(valid, false).if((0, codegen_1._)`${e} instanceof ${it.ValidationError}`, () => gen.assign(ruleErrs, (0, codegen_1._)`${e}.errors`), () => gen.throw(e)));
        return ruleErrs;
      }
      function validateSync() {
        const validateErrs = (0, codegen_1._)`${validateRef}.errors`;
        gen.assign(validateErrs, null);
        assignValid(codegen_1.nil);
        return validateErrs;
      }
      function assignValid(_await = def.async ? (0, codegen_1._)`await ` : codegen_1.nil) {
        const passCxt = it.opts.passContext ? names_1.default.this : names_1.default.self;
        const passSchema = !("compile" in def && !$data || def.schema === false);
        gen.assign(valid, (0, codegen_1._)`${_await}${(0, code_1.callValidateCode)(cxt, validateRef, passCxt, passSchema)}`, def.modifying);
      }
      function reportErrs(errors) {
        var _a2;
        gen.if((0, codegen_1.not)((_a2 = def.valid) !== null && _a2 !== void 0 ? _a2 : valid), errors);
      }
    }
    exports.funcKeywordCode = funcKeywordCode;
    function modifyData(cxt) {
      const { gen, data, it } = cxt;
      gen.if(it.parentData, () => gen.assign(data, (0, codegen_1._)`${it.parentData}[${it.parentDataProperty}]`));
    }
    function addErrs(cxt, errs) {
      const { gen } = cxt;
      gen.if((0, codegen_1._)`Array.isArray(${errs})`, () => {
        gen.assign(names_1.default.vErrors, (0, codegen_1._)`${names_1.default.vErrors} === null ? ${errs} : ${names_1.default.vErrors}.concat(${errs})`).assign(names_1.default.errors, (0, codegen_1._)`${names_1.default.vErrors}.length`);
        (0, errors_1.extendErrors)(cxt);
      }, () => cxt.error());
    }
    function checkAsyncKeyword({ schemaEnv }, def) {
      if (def.async && !schemaEnv.$async)
        throw new Error("async keyword in sync schema");
    }
    function useKeyword(gen, keyword, result) {
      if (result === void 0)
        throw new Error(`keyword "${keyword}" failed to compile`);
      return gen.scopeValue("keyword", typeof result == "function" ? { ref: result } : { ref: result, code: (0, codegen_1.stringify)(result) });
    }
    function validSchemaType(schema, schemaType, allowUndefined = false) {
      return !schemaType.length || schemaType.some((st) => st === "array" ? Array.isArray(schema) : st === "object" ? schema && typeof schema == "object" && !Array.isArray(schema) : typeof schema == st || allowUndefined && typeof schema == "undefined");
    }
    exports.validSchemaType = validSchemaType;
    function validateKeywordUsage({ schema, opts, self, errSchemaPath }, def, keyword) {
      if (Array.isArray(def.keyword) ? !def.keyword.includes(keyword) : def.keyword !== keyword) {
        throw new Error("ajv implementation error");
      }
      const deps = def.dependencies;
      if (deps === null || deps === void 0 ? void 0 : deps.some((kwd) => !Object.prototype.hasOwnProperty.call(schema, kwd))) {
        throw new Error(`parent schema must have dependencies of ${keyword}: ${deps.join(",")}`);
      }
      if (def.validateSchema) {
        const valid = def.validateSchema(schema[keyword]);
        if (!valid) {
          const msg = `keyword "${keyword}" value is invalid at path "${errSchemaPath}": ` + self.errorsText(def.validateSchema.errors);
          if (opts.validateSchema === "log")
            self.logger.error(msg);
          else
            throw new Error(msg);
        }
      }
    }
    exports.validateKeywordUsage = validateKeywordUsage;
  }
});

// node_modules/ajv/dist/compile/validate/subschema.js
var require_subschema = __commonJS({
  "node_modules/ajv/dist/compile/validate/subschema.js"(exports) {
    "use strict";
    Object.defineProperty(exports, "__esModule", { value: true });
    exports.extendSubschemaMode = exports.extendSubschemaData = exports.getSubschema = void 0;
    var codegen_1 = require_codegen();
    var util_1 = require_util();
    function getSubschema(it, { keyword, schemaProp, schema, schemaPath, errSchemaPath, topSchemaRef }) {
      if (keyword !== void 0 && schema !== void 0) {
        throw new Error('both "keyword" and "schema" passed, only one allowed');
      }
      if (keyword !== void 0) {
        const sch = it.schema[keyword];
        return schemaProp === void 0 ? {
          schema: sch,
          schemaPath: (0, codegen_1._)`${it.schemaPath}${(0, codegen_1.getProperty)(keyword)}`,
          errSchemaPath: `${it.errSchemaPath}/${keyword}`
        } : {
          schema: sch[schemaProp],
          schemaPath: (0, codegen_1._)`${it.schemaPath}${(0, codegen_1.getProperty)(keyword)}${(0, codegen_1.getProperty)(schemaProp)}`,
          errSchemaPath: `${it.errSchemaPath}/${keyword}/${(0, util_1.escapeFragment)(schemaProp)}`
        };
      }
      if (schema !== void 0) {
        if (schemaPath === void 0 || errSchemaPath === void 0 || topSchemaRef === void 0) {
          throw new Error('"schemaPath", "errSchemaPath" and "topSchemaRef" are required with "schema"');
        }
        return {
          schema,
          schemaPath,
          topSchemaRef,
          errSchemaPath
        };
      }
      throw new Error('either "keyword" or "schema" must be passed');
    }
    exports.getSubschema = getSubschema;
    function extendSubschemaData(subschema, it, { dataProp, dataPropType: dpType, data, dataTypes, propertyName }) {
      if (data !== void 0 && dataProp !== void 0) {
        throw new Error('both "data" and "dataProp" passed, only one allowed');
      }
      const { gen } = it;
      if (dataProp !== void 0) {
        const { errorPath, dataPathArr, opts } = it;
        const nextData = gen.let("data", (0, codegen_1._)`${it.data}${(0, codegen_1.getProperty)(dataProp)}`, true);
        dataContextProps(nextData);
        subschema.errorPath = (0, codegen_1.str)`${errorPath}${(0, util_1.getErrorPath)(dataProp, dpType, opts.jsPropertySyntax)}`;
        subschema.parentDataProperty = (0, codegen_1._)`${dataProp}`;
        subschema.dataPathArr = [...dataPathArr, subschema.parentDataProperty];
      }
      if (data !== void 0) {
        const nextData = data instanceof codegen_1.Name ? data : gen.let("data", data, true);
        dataContextProps(nextData);
        if (propertyName !== void 0)
          subschema.propertyName = propertyName;
      }
      if (dataTypes)
        subschema.dataTypes = dataTypes;
      function dataContextProps(_nextData) {
        subschema.data = _nextData;
        subschema.dataLevel = it.dataLevel + 1;
        subschema.dataTypes = [];
        it.definedProperties = /* @__PURE__ */ new Set();
        subschema.parentData = it.data;
        subschema.dataNames = [...it.dataNames, _nextData];
      }
    }
    exports.extendSubschemaData = extendSubschemaData;
    function extendSubschemaMode(subschema, { jtdDiscriminator, jtdMetadata, compositeRule, createErrors, allErrors }) {
      if (compositeRule !== void 0)
        subschema.compositeRule = compositeRule;
      if (createErrors !== void 0)
        subschema.createErrors = createErrors;
      if (allErrors !== void 0)
        subschema.allErrors = allErrors;
      subschema.jtdDiscriminator = jtdDiscriminator;
      subschema.jtdMetadata = jtdMetadata;
    }
    exports.extendSubschemaMode = extendSubschemaMode;
  }
});

// node_modules/fast-deep-equal/index.js
var require_fast_deep_equal = __commonJS({
  "node_modules/fast-deep-equal/index.js"(exports, module) {
    "use strict";
    module.exports = function equal(a, b) {
      if (a === b) return true;
      if (a && b && typeof a == "object" && typeof b == "object") {
        if (a.constructor !== b.constructor) return false;
        var length, i, keys;
        if (Array.isArray(a)) {
          length = a.length;
          if (length != b.length) return false;
          for (i = length; i-- !== 0; )
            if (!equal(a[i], b[i])) return false;
          return true;
        }
        if (a.constructor === RegExp) return a.source === b.source && a.flags === b.flags;
        if (a.valueOf !== Object.prototype.valueOf) return a.valueOf() === b.valueOf();
        if (a.toString !== Object.prototype.toString) return a.toString() === b.toString();
        keys = Object.keys(a);
        length = keys.length;
        if (length !== Object.keys(b).length) return false;
        for (i = length; i-- !== 0; )
          if (!Object.prototype.hasOwnProperty.call(b, keys[i])) return false;
        for (i = length; i-- !== 0; ) {
          var key = keys[i];
          if (!equal(a[key], b[key])) return false;
        }
        return true;
      }
      return a !== a && b !== b;
    };
  }
});

// node_modules/json-schema-traverse/index.js
var require_json_schema_traverse = __commonJS({
  "node_modules/json-schema-traverse/index.js"(exports, module) {
    "use strict";
    var traverse = module.exports = function(schema, opts, cb) {
      if (typeof opts == "function") {
        cb = opts;
        opts = {};
      }
      cb = opts.cb || cb;
      var pre = typeof cb == "function" ? cb : cb.pre || function() {
      };
      var post = cb.post || function() {
      };
      _traverse(opts, pre, post, schema, "", schema);
    };
    traverse.keywords = {
      additionalItems: true,
      items: true,
      contains: true,
      additionalProperties: true,
      propertyNames: true,
      not: true,
      if: true,
      then: true,
      else: true
    };
    traverse.arrayKeywords = {
      items: true,
      allOf: true,
      anyOf: true,
      oneOf: true
    };
    traverse.propsKeywords = {
      $defs: true,
      definitions: true,
      properties: true,
      patternProperties: true,
      dependencies: true
    };
    traverse.skipKeywords = {
      default: true,
      enum: true,
      const: true,
      required: true,
      maximum: true,
      minimum: true,
      exclusiveMaximum: true,
      exclusiveMinimum: true,
      multipleOf: true,
      maxLength: true,
      minLength: true,
      pattern: true,
      format: true,
      maxItems: true,
      minItems: true,
      uniqueItems: true,
      maxProperties: true,
      minProperties: true
    };
    function _traverse(opts, pre, post, schema, jsonPtr, rootSchema, parentJsonPtr, parentKeyword, parentSchema, keyIndex) {
      if (schema && typeof schema == "object" && !Array.isArray(schema)) {
        pre(schema, jsonPtr, rootSchema, parentJsonPtr, parentKeyword, parentSchema, keyIndex);
        for (var key in schema) {
          var sch = schema[key];
          if (Array.isArray(sch)) {
            if (key in traverse.arrayKeywords) {
              for (var i = 0; i < sch.length; i++)
                _traverse(opts, pre, post, sch[i], jsonPtr + "/" + key + "/" + i, rootSchema, jsonPtr, key, schema, i);
            }
          } else if (key in traverse.propsKeywords) {
            if (sch && typeof sch == "object") {
              for (var prop in sch)
                _traverse(opts, pre, post, sch[prop], jsonPtr + "/" + key + "/" + escapeJsonPtr(prop), rootSchema, jsonPtr, key, schema, prop);
            }
          } else if (key in traverse.keywords || opts.allKeys && !(key in traverse.skipKeywords)) {
            _traverse(opts, pre, post, sch, jsonPtr + "/" + key, rootSchema, jsonPtr, key, schema);
          }
        }
        post(schema, jsonPtr, rootSchema, parentJsonPtr, parentKeyword, parentSchema, keyIndex);
      }
    }
    function escapeJsonPtr(str) {
      return str.replace(/~/g, "~0").replace(/\//g, "~1");
    }
  }
});

// node_modules/ajv/dist/compile/resolve.js
var require_resolve = __commonJS({
  "node_modules/ajv/dist/compile/resolve.js"(exports) {
    "use strict";
    Object.defineProperty(exports, "__esModule", { value: true });
    exports.getSchemaRefs = exports.resolveUrl = exports.normalizeId = exports._getFullPath = exports.getFullPath = exports.inlineRef = void 0;
    var util_1 = require_util();
    var equal = require_fast_deep_equal();
    var traverse = require_json_schema_traverse();
    var SIMPLE_INLINED = /* @__PURE__ */ new Set([
      "type",
      "format",
      "pattern",
      "maxLength",
      "minLength",
      "maxProperties",
      "minProperties",
      "maxItems",
      "minItems",
      "maximum",
      "minimum",
      "uniqueItems",
      "multipleOf",
      "required",
      "enum",
      "const"
    ]);
    function inlineRef(schema, limit = true) {
      if (typeof schema == "boolean")
        return true;
      if (limit === true)
        return !hasRef(schema);
      if (!limit)
        return false;
      return countKeys(schema) <= limit;
    }
    exports.inlineRef = inlineRef;
    var REF_KEYWORDS = /* @__PURE__ */ new Set([
      "$ref",
      "$recursiveRef",
      "$recursiveAnchor",
      "$dynamicRef",
      "$dynamicAnchor"
    ]);
    function hasRef(schema) {
      for (const key in schema) {
        if (REF_KEYWORDS.has(key))
          return true;
        const sch = schema[key];
        if (Array.isArray(sch) && sch.some(hasRef))
          return true;
        if (typeof sch == "object" && hasRef(sch))
          return true;
      }
      return false;
    }
    function countKeys(schema) {
      let count = 0;
      for (const key in schema) {
        if (key === "$ref")
          return Infinity;
        count++;
        if (SIMPLE_INLINED.has(key))
          continue;
        if (typeof schema[key] == "object") {
          (0, util_1.eachItem)(schema[key], (sch) => count += countKeys(sch));
        }
        if (count === Infinity)
          return Infinity;
      }
      return count;
    }
    function getFullPath(resolver, id = "", normalize) {
      if (normalize !== false)
        id = normalizeId(id);
      const p = resolver.parse(id);
      return _getFullPath(resolver, p);
    }
    exports.getFullPath = getFullPath;
    function _getFullPath(resolver, p) {
      const serialized = resolver.serialize(p);
      return serialized.split("#")[0] + "#";
    }
    exports._getFullPath = _getFullPath;
    var TRAILING_SLASH_HASH = /#\/?$/;
    function normalizeId(id) {
      return id ? id.replace(TRAILING_SLASH_HASH, "") : "";
    }
    exports.normalizeId = normalizeId;
    function resolveUrl(resolver, baseId, id) {
      id = normalizeId(id);
      return resolver.resolve(baseId, id);
    }
    exports.resolveUrl = resolveUrl;
    var ANCHOR = /^[a-z_][-a-z0-9._]*$/i;
    function getSchemaRefs(schema, baseId) {
      if (typeof schema == "boolean")
        return {};
      const { schemaId, uriResolver } = this.opts;
      const schId = normalizeId(schema[schemaId] || baseId);
      const baseIds = { "": schId };
      const pathPrefix = getFullPath(uriResolver, schId, false);
      const localRefs = {};
      const schemaRefs = /* @__PURE__ */ new Set();
      traverse(schema, { allKeys: true }, (sch, jsonPtr, _, parentJsonPtr) => {
        if (parentJsonPtr === void 0)
          return;
        const fullPath = pathPrefix + jsonPtr;
        let innerBaseId = baseIds[parentJsonPtr];
        if (typeof sch[schemaId] == "string")
          innerBaseId = addRef.call(this, sch[schemaId]);
        addAnchor.call(this, sch.$anchor);
        addAnchor.call(this, sch.$dynamicAnchor);
        baseIds[jsonPtr] = innerBaseId;
        function addRef(ref) {
          const _resolve = this.opts.uriResolver.resolve;
          ref = normalizeId(innerBaseId ? _resolve(innerBaseId, ref) : ref);
          if (schemaRefs.has(ref))
            throw ambiguos(ref);
          schemaRefs.add(ref);
          let schOrRef = this.refs[ref];
          if (typeof schOrRef == "string")
            schOrRef = this.refs[schOrRef];
          if (typeof schOrRef == "object") {
            checkAmbiguosRef(sch, schOrRef.schema, ref);
          } else if (ref !== normalizeId(fullPath)) {
            if (ref[0] === "#") {
              checkAmbiguosRef(sch, localRefs[ref], ref);
              localRefs[ref] = sch;
            } else {
              this.refs[ref] = fullPath;
            }
          }
          return ref;
        }
        function addAnchor(anchor) {
          if (typeof anchor == "string") {
            if (!ANCHOR.test(anchor))
              throw new Error(`invalid anchor "${anchor}"`);
            addRef.call(this, `#${anchor}`);
          }
        }
      });
      return localRefs;
      function checkAmbiguosRef(sch1, sch2, ref) {
        if (sch2 !== void 0 && !equal(sch1, sch2))
          throw ambiguos(ref);
      }
      function ambiguos(ref) {
        return new Error(`reference "${ref}" resolves to more than one schema`);
      }
    }
    exports.getSchemaRefs = getSchemaRefs;
  }
});

// node_modules/ajv/dist/compile/validate/index.js
var require_validate = __commonJS({
  "node_modules/ajv/dist/compile/validate/index.js"(exports) {
    "use strict";
    Object.defineProperty(exports, "__esModule", { value: true });
    exports.getData = exports.KeywordCxt = exports.validateFunctionCode = void 0;
    var boolSchema_1 = require_boolSchema();
    var dataType_1 = require_dataType();
    var applicability_1 = require_applicability();
    var dataType_2 = require_dataType();
    var defaults_1 = require_defaults();
    var keyword_1 = require_keyword();
    var subschema_1 = require_subschema();
    var codegen_1 = require_codegen();
    var names_1 = require_names();
    var resolve_1 = require_resolve();
    var util_1 = require_util();
    var errors_1 = require_errors();
    function validateFunctionCode(it) {
      if (isSchemaObj(it)) {
        checkKeywords(it);
        if (schemaCxtHasRules(it)) {
          topSchemaObjCode(it);
          return;
        }
      }
      validateFunction(it, () => (0, boolSchema_1.topBoolOrEmptySchema)(it));
    }
    exports.validateFunctionCode = validateFunctionCode;
    function validateFunction({ gen, validateName, schema, schemaEnv, opts }, body) {
      if (opts.code.es5) {
        gen.func(validateName, (0, codegen_1._)`${names_1.default.data}, ${names_1.default.valCxt}`, schemaEnv.$async, () => {
          gen.code((0, codegen_1._)`"use strict"; ${funcSourceUrl(schema, opts)}`);
          destructureValCxtES5(gen, opts);
          gen.code(body);
        });
      } else {
        gen.func(validateName, (0, codegen_1._)`${names_1.default.data}, ${destructureValCxt(opts)}`, schemaEnv.$async, () => gen.code(funcSourceUrl(schema, opts)).code(body));
      }
    }
    function destructureValCxt(opts) {
      return (0, codegen_1._)`{${names_1.default.instancePath}="", ${names_1.default.parentData}, ${names_1.default.parentDataProperty}, ${names_1.default.rootData}=${names_1.default.data}${opts.dynamicRef ? (0, codegen_1._)`, ${names_1.default.dynamicAnchors}={}` : codegen_1.nil}}={}`;
    }
    function destructureValCxtES5(gen, opts) {
      gen.if(names_1.default.valCxt, () => {
        gen.var(names_1.default.instancePath, (0, codegen_1._)`${names_1.default.valCxt}.${names_1.default.instancePath}`);
        gen.var(names_1.default.parentData, (0, codegen_1._)`${names_1.default.valCxt}.${names_1.default.parentData}`);
        gen.var(names_1.default.parentDataProperty, (0, codegen_1._)`${names_1.default.valCxt}.${names_1.default.parentDataProperty}`);
        gen.var(names_1.default.rootData, (0, codegen_1._)`${names_1.default.valCxt}.${names_1.default.rootData}`);
        if (opts.dynamicRef)
          gen.var(names_1.default.dynamicAnchors, (0, codegen_1._)`${names_1.default.valCxt}.${names_1.default.dynamicAnchors}`);
      }, () => {
        gen.var(names_1.default.instancePath, (0, codegen_1._)`""`);
        gen.var(names_1.default.parentData, (0, codegen_1._)`undefined`);
        gen.var(names_1.default.parentDataProperty, (0, codegen_1._)`undefined`);
        gen.var(names_1.default.rootData, names_1.default.data);
        if (opts.dynamicRef)
          gen.var(names_1.default.dynamicAnchors, (0, codegen_1._)`{}`);
      });
    }
    function topSchemaObjCode(it) {
      const { schema, opts, gen } = it;
      validateFunction(it, () => {
        if (opts.$comment && schema.$comment)
          commentKeyword(it);
        checkNoDefault(it);
        gen.let(names_1.default.vErrors, null);
        gen.let(names_1.default.errors, 0);
        if (opts.unevaluated)
          resetEvaluated(it);
        typeAndKeywords(it);
        returnResults(it);
      });
      return;
    }
    function resetEvaluated(it) {
      const { gen, validateName } = it;
      it.evaluated = gen.const("evaluated", (0, codegen_1._)`${validateName}.evaluated`);
      gen.if((0, codegen_1._)`${it.evaluated}.dynamicProps`, () => gen.assign((0, codegen_1._)`${it.evaluated}.props`, (0, codegen_1._)`undefined`));
      gen.if((0, codegen_1._)`${it.evaluated}.dynamicItems`, () => gen.assign((0, codegen_1._)`${it.evaluated}.items`, (0, codegen_1._)`undefined`));
    }
    function funcSourceUrl(schema, opts) {
      const schId = typeof schema == "object" && schema[opts.schemaId];
      return schId && (opts.code.source || opts.code.process) ? (0, codegen_1._)`/*# sourceURL=${schId} */` : codegen_1.nil;
    }
    function subschemaCode(it, valid) {
      if (isSchemaObj(it)) {
        checkKeywords(it);
        if (schemaCxtHasRules(it)) {
          subSchemaObjCode(it, valid);
          return;
        }
      }
      (0, boolSchema_1.boolOrEmptySchema)(it, valid);
    }
    function schemaCxtHasRules({ schema, self }) {
      if (typeof schema == "boolean")
        return !schema;
      for (const key in schema)
        if (self.RULES.all[key])
          return true;
      return false;
    }
    function isSchemaObj(it) {
      return typeof it.schema != "boolean";
    }
    function subSchemaObjCode(it, valid) {
      const { schema, gen, opts } = it;
      if (opts.$comment && schema.$comment)
        commentKeyword(it);
      updateContext(it);
      checkAsyncSchema(it);
      const errsCount = gen.const("_errs", names_1.default.errors);
      typeAndKeywords(it, errsCount);
      gen.var(valid, (0, codegen_1._)`${errsCount} === ${names_1.default.errors}`);
    }
    function checkKeywords(it) {
      (0, util_1.checkUnknownRules)(it);
      checkRefsAndKeywords(it);
    }
    function typeAndKeywords(it, errsCount) {
      if (it.opts.jtd)
        return schemaKeywords(it, [], false, errsCount);
      const types = (0, dataType_1.getSchemaTypes)(it.schema);
      const checkedTypes = (0, dataType_1.coerceAndCheckDataType)(it, types);
      schemaKeywords(it, types, !checkedTypes, errsCount);
    }
    function checkRefsAndKeywords(it) {
      const { schema, errSchemaPath, opts, self } = it;
      if (schema.$ref && opts.ignoreKeywordsWithRef && (0, util_1.schemaHasRulesButRef)(schema, self.RULES)) {
        self.logger.warn(`$ref: keywords ignored in schema at path "${errSchemaPath}"`);
      }
    }
    function checkNoDefault(it) {
      const { schema, opts } = it;
      if (schema.default !== void 0 && opts.useDefaults && opts.strictSchema) {
        (0, util_1.checkStrictMode)(it, "default is ignored in the schema root");
      }
    }
    function updateContext(it) {
      const schId = it.schema[it.opts.schemaId];
      if (schId)
        it.baseId = (0, resolve_1.resolveUrl)(it.opts.uriResolver, it.baseId, schId);
    }
    function checkAsyncSchema(it) {
      if (it.schema.$async && !it.schemaEnv.$async)
        throw new Error("async schema in sync schema");
    }
    function commentKeyword({ gen, schemaEnv, schema, errSchemaPath, opts }) {
      const msg = schema.$comment;
      if (opts.$comment === true) {
        gen.code((0, codegen_1._)`${names_1.default.self}.logger.log(${msg})`);
      } else if (typeof opts.$comment == "function") {
        const schemaPath = (0, codegen_1.str)`${errSchemaPath}/$comment`;
        const rootName = gen.scopeValue("root", { ref: schemaEnv.root });
        gen.code((0, codegen_1._)`${names_1.default.self}.opts.$comment(${msg}, ${schemaPath}, ${rootName}.schema)`);
      }
    }
    function returnResults(it) {
      const { gen, schemaEnv, validateName, ValidationError, opts } = it;
      if (schemaEnv.$async) {
        gen.if((0, codegen_1._)`${names_1.default.errors} === 0`, () => gen.return(names_1.default.data), () => gen.throw((0, codegen_1._)`new ${ValidationError}(${names_1.default.vErrors})`));
      } else {
        gen.assign((0, codegen_1._)`${validateName}.errors`, names_1.default.vErrors);
        if (opts.unevaluated)
          assignEvaluated(it);
        gen.return((0, codegen_1._)`${names_1.default.errors} === 0`);
      }
    }
    function assignEvaluated({ gen, evaluated, props, items }) {
      if (props instanceof codegen_1.Name)
        gen.assign((0, codegen_1._)`${evaluated}.props`, props);
      if (items instanceof codegen_1.Name)
        gen.assign((0, codegen_1._)`${evaluated}.items`, items);
    }
    function schemaKeywords(it, types, typeErrors, errsCount) {
      const { gen, schema, data, allErrors, opts, self } = it;
      const { RULES } = self;
      if (schema.$ref && (opts.ignoreKeywordsWithRef || !(0, util_1.schemaHasRulesButRef)(schema, RULES))) {
        gen.block(() => keywordCode(it, "$ref", RULES.all.$ref.definition));
        return;
      }
      if (!opts.jtd)
        checkStrictTypes(it, types);
      gen.block(() => {
        for (const group2 of RULES.rules)
          groupKeywords(group2);
        groupKeywords(RULES.post);
      });
      function groupKeywords(group2) {
        if (!(0, applicability_1.shouldUseGroup)(schema, group2))
          return;
        if (group2.type) {
          gen.if((0, dataType_2.checkDataType)(group2.type, data, opts.strictNumbers));
          iterateKeywords(it, group2);
          if (types.length === 1 && types[0] === group2.type && typeErrors) {
            gen.else();
            (0, dataType_2.reportTypeError)(it);
          }
          gen.endIf();
        } else {
          iterateKeywords(it, group2);
        }
        if (!allErrors)
          gen.if((0, codegen_1._)`${names_1.default.errors} === ${errsCount || 0}`);
      }
    }
    function iterateKeywords(it, group2) {
      const { gen, schema, opts: { useDefaults } } = it;
      if (useDefaults)
        (0, defaults_1.assignDefaults)(it, group2.type);
      gen.block(() => {
        for (const rule of group2.rules) {
          if ((0, applicability_1.shouldUseRule)(schema, rule)) {
            keywordCode(it, rule.keyword, rule.definition, group2.type);
          }
        }
      });
    }
    function checkStrictTypes(it, types) {
      if (it.schemaEnv.meta || !it.opts.strictTypes)
        return;
      checkContextTypes(it, types);
      if (!it.opts.allowUnionTypes)
        checkMultipleTypes(it, types);
      checkKeywordTypes(it, it.dataTypes);
    }
    function checkContextTypes(it, types) {
      if (!types.length)
        return;
      if (!it.dataTypes.length) {
        it.dataTypes = types;
        return;
      }
      types.forEach((t) => {
        if (!includesType(it.dataTypes, t)) {
          strictTypesError(it, `type "${t}" not allowed by context "${it.dataTypes.join(",")}"`);
        }
      });
      narrowSchemaTypes(it, types);
    }
    function checkMultipleTypes(it, ts) {
      if (ts.length > 1 && !(ts.length === 2 && ts.includes("null"))) {
        strictTypesError(it, "use allowUnionTypes to allow union type keyword");
      }
    }
    function checkKeywordTypes(it, ts) {
      const rules = it.self.RULES.all;
      for (const keyword in rules) {
        const rule = rules[keyword];
        if (typeof rule == "object" && (0, applicability_1.shouldUseRule)(it.schema, rule)) {
          const { type } = rule.definition;
          if (type.length && !type.some((t) => hasApplicableType(ts, t))) {
            strictTypesError(it, `missing type "${type.join(",")}" for keyword "${keyword}"`);
          }
        }
      }
    }
    function hasApplicableType(schTs, kwdT) {
      return schTs.includes(kwdT) || kwdT === "number" && schTs.includes("integer");
    }
    function includesType(ts, t) {
      return ts.includes(t) || t === "integer" && ts.includes("number");
    }
    function narrowSchemaTypes(it, withTypes) {
      const ts = [];
      for (const t of it.dataTypes) {
        if (includesType(withTypes, t))
          ts.push(t);
        else if (withTypes.includes("integer") && t === "number")
          ts.push("integer");
      }
      it.dataTypes = ts;
    }
    function strictTypesError(it, msg) {
      const schemaPath = it.schemaEnv.baseId + it.errSchemaPath;
      msg += ` at "${schemaPath}" (strictTypes)`;
      (0, util_1.checkStrictMode)(it, msg, it.opts.strictTypes);
    }
    var KeywordCxt = class {
      constructor(it, def, keyword) {
        (0, keyword_1.validateKeywordUsage)(it, def, keyword);
        this.gen = it.gen;
        this.allErrors = it.allErrors;
        this.keyword = keyword;
        this.data = it.data;
        this.schema = it.schema[keyword];
        this.$data = def.$data && it.opts.$data && this.schema && this.schema.$data;
        this.schemaValue = (0, util_1.schemaRefOrVal)(it, this.schema, keyword, this.$data);
        this.schemaType = def.schemaType;
        this.parentSchema = it.schema;
        this.params = {};
        this.it = it;
        this.def = def;
        if (this.$data) {
          this.schemaCode = it.gen.const("vSchema", getData(this.$data, it));
        } else {
          this.schemaCode = this.schemaValue;
          if (!(0, keyword_1.validSchemaType)(this.schema, def.schemaType, def.allowUndefined)) {
            throw new Error(`${keyword} value must be ${JSON.stringify(def.schemaType)}`);
          }
        }
        if ("code" in def ? def.trackErrors : def.errors !== false) {
          this.errsCount = it.gen.const("_errs", names_1.default.errors);
        }
      }
      result(condition, successAction, failAction) {
        this.failResult((0, codegen_1.not)(condition), successAction, failAction);
      }
      failResult(condition, successAction, failAction) {
        this.gen.if(condition);
        if (failAction)
          failAction();
        else
          this.error();
        if (successAction) {
          this.gen.else();
          successAction();
          if (this.allErrors)
            this.gen.endIf();
        } else {
          if (this.allErrors)
            this.gen.endIf();
          else
            this.gen.else();
        }
      }
      pass(condition, failAction) {
        this.failResult((0, codegen_1.not)(condition), void 0, failAction);
      }
      fail(condition) {
        if (condition === void 0) {
          this.error();
          if (!this.allErrors)
            this.gen.if(false);
          return;
        }
        this.gen.if(condition);
        this.error();
        if (this.allErrors)
          this.gen.endIf();
        else
          this.gen.else();
      }
      fail$data(condition) {
        if (!this.$data)
          return this.fail(condition);
        const { schemaCode } = this;
        this.fail((0, codegen_1._)`${schemaCode} !== undefined && (${(0, codegen_1.or)(this.invalid$data(), condition)})`);
      }
      error(append, errorParams, errorPaths) {
        if (errorParams) {
          this.setParams(errorParams);
          this._error(append, errorPaths);
          this.setParams({});
          return;
        }
        this._error(append, errorPaths);
      }
      _error(append, errorPaths) {
        ;
        (append ? errors_1.reportExtraError : errors_1.reportError)(this, this.def.error, errorPaths);
      }
      $dataError() {
        (0, errors_1.reportError)(this, this.def.$dataError || errors_1.keyword$DataError);
      }
      reset() {
        if (this.errsCount === void 0)
          throw new Error('add "trackErrors" to keyword definition');
        (0, errors_1.resetErrorsCount)(this.gen, this.errsCount);
      }
      ok(cond) {
        if (!this.allErrors)
          this.gen.if(cond);
      }
      setParams(obj, assign2) {
        if (assign2)
          Object.assign(this.params, obj);
        else
          this.params = obj;
      }
      block$data(valid, codeBlock, $dataValid = codegen_1.nil) {
        this.gen.block(() => {
          this.check$data(valid, $dataValid);
          codeBlock();
        });
      }
      check$data(valid = codegen_1.nil, $dataValid = codegen_1.nil) {
        if (!this.$data)
          return;
        const { gen, schemaCode, schemaType, def } = this;
        gen.if((0, codegen_1.or)((0, codegen_1._)`${schemaCode} === undefined`, $dataValid));
        if (valid !== codegen_1.nil)
          gen.assign(valid, true);
        if (schemaType.length || def.validateSchema) {
          gen.elseIf(this.invalid$data());
          this.$dataError();
          if (valid !== codegen_1.nil)
            gen.assign(valid, false);
        }
        gen.else();
      }
      invalid$data() {
        const { gen, schemaCode, schemaType, def, it } = this;
        return (0, codegen_1.or)(wrong$DataType(), invalid$DataSchema());
        function wrong$DataType() {
          if (schemaType.length) {
            if (!(schemaCode instanceof codegen_1.Name))
              throw new Error("ajv implementation error");
            const st = Array.isArray(schemaType) ? schemaType : [schemaType];
            return (0, codegen_1._)`${(0, dataType_2.checkDataTypes)(st, schemaCode, it.opts.strictNumbers, dataType_2.DataType.Wrong)}`;
          }
          return codegen_1.nil;
        }
        function invalid$DataSchema() {
          if (def.validateSchema) {
            const validateSchemaRef = gen.scopeValue("validate$data", { ref: def.validateSchema });
            return (0, codegen_1._)`!${validateSchemaRef}(${schemaCode})`;
          }
          return codegen_1.nil;
        }
      }
      subschema(appl, valid) {
        const subschema = (0, subschema_1.getSubschema)(this.it, appl);
        (0, subschema_1.extendSubschemaData)(subschema, this.it, appl);
        (0, subschema_1.extendSubschemaMode)(subschema, appl);
        const nextContext = { ...this.it, ...subschema, items: void 0, props: void 0 };
        subschemaCode(nextContext, valid);
        return nextContext;
      }
      mergeEvaluated(schemaCxt, toName) {
        const { it, gen } = this;
        if (!it.opts.unevaluated)
          return;
        if (it.props !== true && schemaCxt.props !== void 0) {
          it.props = util_1.mergeEvaluated.props(gen, schemaCxt.props, it.props, toName);
        }
        if (it.items !== true && schemaCxt.items !== void 0) {
          it.items = util_1.mergeEvaluated.items(gen, schemaCxt.items, it.items, toName);
        }
      }
      mergeValidEvaluated(schemaCxt, valid) {
        const { it, gen } = this;
        if (it.opts.unevaluated && (it.props !== true || it.items !== true)) {
          gen.if(valid, () => this.mergeEvaluated(schemaCxt, codegen_1.Name));
          return true;
        }
      }
    };
    exports.KeywordCxt = KeywordCxt;
    function keywordCode(it, keyword, def, ruleType) {
      const cxt = new KeywordCxt(it, def, keyword);
      if ("code" in def) {
        def.code(cxt, ruleType);
      } else if (cxt.$data && def.validate) {
        (0, keyword_1.funcKeywordCode)(cxt, def);
      } else if ("macro" in def) {
        (0, keyword_1.macroKeywordCode)(cxt, def);
      } else if (def.compile || def.validate) {
        (0, keyword_1.funcKeywordCode)(cxt, def);
      }
    }
    var JSON_POINTER = /^\/(?:[^~]|~0|~1)*$/;
    var RELATIVE_JSON_POINTER = /^([0-9]+)(#|\/(?:[^~]|~0|~1)*)?$/;
    function getData($data, { dataLevel, dataNames, dataPathArr }) {
      let jsonPointer;
      let data;
      if ($data === "")
        return names_1.default.rootData;
      if ($data[0] === "/") {
        if (!JSON_POINTER.test($data))
          throw new Error(`Invalid JSON-pointer: ${$data}`);
        jsonPointer = $data;
        data = names_1.default.rootData;
      } else {
        const matches = RELATIVE_JSON_POINTER.exec($data);
        if (!matches)
          throw new Error(`Invalid JSON-pointer: ${$data}`);
        const up = +matches[1];
        jsonPointer = matches[2];
        if (jsonPointer === "#") {
          if (up >= dataLevel)
            throw new Error(errorMsg("property/index", up));
          return dataPathArr[dataLevel - up];
        }
        if (up > dataLevel)
          throw new Error(errorMsg("data", up));
        data = dataNames[dataLevel - up];
        if (!jsonPointer)
          return data;
      }
      let expr = data;
      const segments = jsonPointer.split("/");
      for (const segment of segments) {
        if (segment) {
          data = (0, codegen_1._)`${data}${(0, codegen_1.getProperty)((0, util_1.unescapeJsonPointer)(segment))}`;
          expr = (0, codegen_1._)`${expr} && ${data}`;
        }
      }
      return expr;
      function errorMsg(pointerType, up) {
        return `Cannot access ${pointerType} ${up} levels up, current level is ${dataLevel}`;
      }
    }
    exports.getData = getData;
  }
});

// node_modules/ajv/dist/runtime/validation_error.js
var require_validation_error = __commonJS({
  "node_modules/ajv/dist/runtime/validation_error.js"(exports) {
    "use strict";
    Object.defineProperty(exports, "__esModule", { value: true });
    var ValidationError = class extends Error {
      constructor(errors) {
        super("validation failed");
        this.errors = errors;
        this.ajv = this.validation = true;
      }
    };
    exports.default = ValidationError;
  }
});

// node_modules/ajv/dist/compile/ref_error.js
var require_ref_error = __commonJS({
  "node_modules/ajv/dist/compile/ref_error.js"(exports) {
    "use strict";
    Object.defineProperty(exports, "__esModule", { value: true });
    var resolve_1 = require_resolve();
    var MissingRefError = class extends Error {
      constructor(resolver, baseId, ref, msg) {
        super(msg || `can't resolve reference ${ref} from id ${baseId}`);
        this.missingRef = (0, resolve_1.resolveUrl)(resolver, baseId, ref);
        this.missingSchema = (0, resolve_1.normalizeId)((0, resolve_1.getFullPath)(resolver, this.missingRef));
      }
    };
    exports.default = MissingRefError;
  }
});

// node_modules/ajv/dist/compile/index.js
var require_compile = __commonJS({
  "node_modules/ajv/dist/compile/index.js"(exports) {
    "use strict";
    Object.defineProperty(exports, "__esModule", { value: true });
    exports.resolveSchema = exports.getCompilingSchema = exports.resolveRef = exports.compileSchema = exports.SchemaEnv = void 0;
    var codegen_1 = require_codegen();
    var validation_error_1 = require_validation_error();
    var names_1 = require_names();
    var resolve_1 = require_resolve();
    var util_1 = require_util();
    var validate_1 = require_validate();
    var SchemaEnv = class {
      constructor(env) {
        var _a;
        this.refs = {};
        this.dynamicAnchors = {};
        let schema;
        if (typeof env.schema == "object")
          schema = env.schema;
        this.schema = env.schema;
        this.schemaId = env.schemaId;
        this.root = env.root || this;
        this.baseId = (_a = env.baseId) !== null && _a !== void 0 ? _a : (0, resolve_1.normalizeId)(schema === null || schema === void 0 ? void 0 : schema[env.schemaId || "$id"]);
        this.schemaPath = env.schemaPath;
        this.localRefs = env.localRefs;
        this.meta = env.meta;
        this.$async = schema === null || schema === void 0 ? void 0 : schema.$async;
        this.refs = {};
      }
    };
    exports.SchemaEnv = SchemaEnv;
    function compileSchema(sch) {
      const _sch = getCompilingSchema.call(this, sch);
      if (_sch)
        return _sch;
      const rootId = (0, resolve_1.getFullPath)(this.opts.uriResolver, sch.root.baseId);
      const { es5, lines } = this.opts.code;
      const { ownProperties } = this.opts;
      const gen = new codegen_1.CodeGen(this.scope, { es5, lines, ownProperties });
      let _ValidationError;
      if (sch.$async) {
        _ValidationError = gen.scopeValue("Error", {
          ref: validation_error_1.default,
          code: (0, codegen_1._)`require("ajv/dist/runtime/validation_error").default`
        });
      }
      const validateName = gen.scopeName("validate");
      sch.validateName = validateName;
      const schemaCxt = {
        gen,
        allErrors: this.opts.allErrors,
        data: names_1.default.data,
        parentData: names_1.default.parentData,
        parentDataProperty: names_1.default.parentDataProperty,
        dataNames: [names_1.default.data],
        dataPathArr: [codegen_1.nil],
        // TODO can its length be used as dataLevel if nil is removed?
        dataLevel: 0,
        dataTypes: [],
        definedProperties: /* @__PURE__ */ new Set(),
        topSchemaRef: gen.scopeValue("schema", this.opts.code.source === true ? { ref: sch.schema, code: (0, codegen_1.stringify)(sch.schema) } : { ref: sch.schema }),
        validateName,
        ValidationError: _ValidationError,
        schema: sch.schema,
        schemaEnv: sch,
        rootId,
        baseId: sch.baseId || rootId,
        schemaPath: codegen_1.nil,
        errSchemaPath: sch.schemaPath || (this.opts.jtd ? "" : "#"),
        errorPath: (0, codegen_1._)`""`,
        opts: this.opts,
        self: this
      };
      let sourceCode;
      try {
        this._compilations.add(sch);
        (0, validate_1.validateFunctionCode)(schemaCxt);
        gen.optimize(this.opts.code.optimize);
        const validateCode = gen.toString();
        sourceCode = `${gen.scopeRefs(names_1.default.scope)}return ${validateCode}`;
        if (this.opts.code.process)
          sourceCode = this.opts.code.process(sourceCode, sch);
        const makeValidate = new Function(`${names_1.default.self}`, `${names_1.default.scope}`, sourceCode);
        const validate = makeValidate(this, this.scope.get());
        this.scope.value(validateName, { ref: validate });
        validate.errors = null;
        validate.schema = sch.schema;
        validate.schemaEnv = sch;
        if (sch.$async)
          validate.$async = true;
        if (this.opts.code.source === true) {
          validate.source = { validateName, validateCode, scopeValues: gen._values };
        }
        if (this.opts.unevaluated) {
          const { props, items } = schemaCxt;
          validate.evaluated = {
            props: props instanceof codegen_1.Name ? void 0 : props,
            items: items instanceof codegen_1.Name ? void 0 : items,
            dynamicProps: props instanceof codegen_1.Name,
            dynamicItems: items instanceof codegen_1.Name
          };
          if (validate.source)
            validate.source.evaluated = (0, codegen_1.stringify)(validate.evaluated);
        }
        sch.validate = validate;
        return sch;
      } catch (e) {
        delete sch.validate;
        delete sch.validateName;
        if (sourceCode)
          this.logger.error("Error compiling schema, function code:", sourceCode);
        throw e;
      } finally {
        this._compilations.delete(sch);
      }
    }
    exports.compileSchema = compileSchema;
    function resolveRef(root, baseId, ref) {
      var _a;
      ref = (0, resolve_1.resolveUrl)(this.opts.uriResolver, baseId, ref);
      const schOrFunc = root.refs[ref];
      if (schOrFunc)
        return schOrFunc;
      let _sch = resolve.call(this, root, ref);
      if (_sch === void 0) {
        const schema = (_a = root.localRefs) === null || _a === void 0 ? void 0 : _a[ref];
        const { schemaId } = this.opts;
        if (schema)
          _sch = new SchemaEnv({ schema, schemaId, root, baseId });
      }
      if (_sch === void 0)
        return;
      return root.refs[ref] = inlineOrCompile.call(this, _sch);
    }
    exports.resolveRef = resolveRef;
    function inlineOrCompile(sch) {
      if ((0, resolve_1.inlineRef)(sch.schema, this.opts.inlineRefs))
        return sch.schema;
      return sch.validate ? sch : compileSchema.call(this, sch);
    }
    function getCompilingSchema(schEnv) {
      for (const sch of this._compilations) {
        if (sameSchemaEnv(sch, schEnv))
          return sch;
      }
    }
    exports.getCompilingSchema = getCompilingSchema;
    function sameSchemaEnv(s1, s2) {
      return s1.schema === s2.schema && s1.root === s2.root && s1.baseId === s2.baseId;
    }
    function resolve(root, ref) {
      let sch;
      while (typeof (sch = this.refs[ref]) == "string")
        ref = sch;
      return sch || this.schemas[ref] || resolveSchema.call(this, root, ref);
    }
    function resolveSchema(root, ref) {
      const p = this.opts.uriResolver.parse(ref);
      const refPath = (0, resolve_1._getFullPath)(this.opts.uriResolver, p);
      let baseId = (0, resolve_1.getFullPath)(this.opts.uriResolver, root.baseId, void 0);
      if (Object.keys(root.schema).length > 0 && refPath === baseId) {
        return getJsonPointer.call(this, p, root);
      }
      const id = (0, resolve_1.normalizeId)(refPath);
      const schOrRef = this.refs[id] || this.schemas[id];
      if (typeof schOrRef == "string") {
        const sch = resolveSchema.call(this, root, schOrRef);
        if (typeof (sch === null || sch === void 0 ? void 0 : sch.schema) !== "object")
          return;
        return getJsonPointer.call(this, p, sch);
      }
      if (typeof (schOrRef === null || schOrRef === void 0 ? void 0 : schOrRef.schema) !== "object")
        return;
      if (!schOrRef.validate)
        compileSchema.call(this, schOrRef);
      if (id === (0, resolve_1.normalizeId)(ref)) {
        const { schema } = schOrRef;
        const { schemaId } = this.opts;
        const schId = schema[schemaId];
        if (schId)
          baseId = (0, resolve_1.resolveUrl)(this.opts.uriResolver, baseId, schId);
        return new SchemaEnv({ schema, schemaId, root, baseId });
      }
      return getJsonPointer.call(this, p, schOrRef);
    }
    exports.resolveSchema = resolveSchema;
    var PREVENT_SCOPE_CHANGE = /* @__PURE__ */ new Set([
      "properties",
      "patternProperties",
      "enum",
      "dependencies",
      "definitions"
    ]);
    function getJsonPointer(parsedRef, { baseId, schema, root }) {
      var _a;
      if (((_a = parsedRef.fragment) === null || _a === void 0 ? void 0 : _a[0]) !== "/")
        return;
      for (const part of parsedRef.fragment.slice(1).split("/")) {
        if (typeof schema === "boolean")
          return;
        const partSchema = schema[(0, util_1.unescapeFragment)(part)];
        if (partSchema === void 0)
          return;
        schema = partSchema;
        const schId = typeof schema === "object" && schema[this.opts.schemaId];
        if (!PREVENT_SCOPE_CHANGE.has(part) && schId) {
          baseId = (0, resolve_1.resolveUrl)(this.opts.uriResolver, baseId, schId);
        }
      }
      let env;
      if (typeof schema != "boolean" && schema.$ref && !(0, util_1.schemaHasRulesButRef)(schema, this.RULES)) {
        const $ref = (0, resolve_1.resolveUrl)(this.opts.uriResolver, baseId, schema.$ref);
        env = resolveSchema.call(this, root, $ref);
      }
      const { schemaId } = this.opts;
      env = env || new SchemaEnv({ schema, schemaId, root, baseId });
      if (env.schema !== env.root.schema)
        return env;
      return void 0;
    }
  }
});

// node_modules/ajv/dist/refs/data.json
var require_data = __commonJS({
  "node_modules/ajv/dist/refs/data.json"(exports, module) {
    module.exports = {
      $id: "https://raw.githubusercontent.com/ajv-validator/ajv/master/lib/refs/data.json#",
      description: "Meta-schema for $data reference (JSON AnySchema extension proposal)",
      type: "object",
      required: ["$data"],
      properties: {
        $data: {
          type: "string",
          anyOf: [{ format: "relative-json-pointer" }, { format: "json-pointer" }]
        }
      },
      additionalProperties: false
    };
  }
});

// node_modules/fast-uri/lib/utils.js
var require_utils = __commonJS({
  "node_modules/fast-uri/lib/utils.js"(exports, module) {
    "use strict";
    var isUUID = RegExp.prototype.test.bind(/^[\da-f]{8}-[\da-f]{4}-[\da-f]{4}-[\da-f]{4}-[\da-f]{12}$/iu);
    var isIPv4 = RegExp.prototype.test.bind(/^(?:(?:25[0-5]|2[0-4]\d|1\d{2}|[1-9]\d|\d)\.){3}(?:25[0-5]|2[0-4]\d|1\d{2}|[1-9]\d|\d)$/u);
    var isPort = RegExp.prototype.test.bind(/^\d*$/u);
    var isHexPair = RegExp.prototype.test.bind(/^[\da-f]{2}$/iu);
    var isUnreserved = RegExp.prototype.test.bind(/^[\da-z\-._~]$/iu);
    var isPathCharacter = RegExp.prototype.test.bind(/^[A-Za-z0-9\-._~!$&'()*+,;=:@/]$/u);
    var isQueryFragmentCharacter = RegExp.prototype.test.bind(/^[A-Za-z0-9\-._~!$&'()*+,;=:@/?]$/u);
    var isUserinfoCharacter = RegExp.prototype.test.bind(/^[A-Za-z0-9\-._~!$&'()*+,;=:]$/u);
    var BYTE_HEX = new Array(256);
    {
      const HEX_DIGITS = "0123456789ABCDEF";
      for (let i = 0; i < 256; i++) {
        BYTE_HEX[i] = "%" + HEX_DIGITS[i >> 4] + HEX_DIGITS[i & 15];
      }
    }
    function percentEncodeNonAscii(cp5) {
      if (cp5 < 2048) {
        return BYTE_HEX[192 | cp5 >> 6] + BYTE_HEX[128 | cp5 & 63];
      }
      if (cp5 < 65536) {
        return BYTE_HEX[224 | cp5 >> 12] + BYTE_HEX[128 | cp5 >> 6 & 63] + BYTE_HEX[128 | cp5 & 63];
      }
      return BYTE_HEX[240 | cp5 >> 18] + BYTE_HEX[128 | cp5 >> 12 & 63] + BYTE_HEX[128 | cp5 >> 6 & 63] + BYTE_HEX[128 | cp5 & 63];
    }
    function stringArrayToHexStripped(input) {
      let acc = "";
      let code = 0;
      let i = 0;
      for (i = 0; i < input.length; i++) {
        code = input[i].charCodeAt(0);
        if (code === 48) {
          continue;
        }
        if (!(code >= 48 && code <= 57 || code >= 65 && code <= 70 || code >= 97 && code <= 102)) {
          return "";
        }
        acc += input[i];
        break;
      }
      for (i += 1; i < input.length; i++) {
        code = input[i].charCodeAt(0);
        if (!(code >= 48 && code <= 57 || code >= 65 && code <= 70 || code >= 97 && code <= 102)) {
          return "";
        }
        acc += input[i];
      }
      return acc;
    }
    var isHextet = RegExp.prototype.test.bind(/^[\dA-Fa-f]{1,4}$/);
    var isIPvFuture = RegExp.prototype.test.bind(/^[vV][\dA-Fa-f]+\.[A-Za-z\d\-._~!$&'()*+,;=:]+$/);
    var isZoneCharacter = RegExp.prototype.test.bind(/^[A-Za-z\d\-._~]$/);
    var nonSimpleDomain = RegExp.prototype.test.bind(/[^!"$&'()*+,\-.;=_`a-z{}~]/u);
    function isZoneIdentifier(zone) {
      if (zone.length === 0) return false;
      for (let i = 0; i < zone.length; i++) {
        if (isZoneCharacter(zone[i])) continue;
        if (zone[i] === "%" && i + 2 < zone.length && isHexPair(zone.slice(i + 1, i + 3))) {
          i += 2;
          continue;
        }
        return false;
      }
      return true;
    }
    function compressIPv6ZeroRun(hextets) {
      let bestStart = -1;
      let bestLength = 0;
      let runStart = -1;
      let runLength = 0;
      for (let i = 0; i < hextets.length; i++) {
        if (hextets[i] === "0") {
          if (runStart === -1) runStart = i;
          runLength++;
          if (runLength > bestLength) {
            bestLength = runLength;
            bestStart = runStart;
          }
        } else {
          runStart = -1;
          runLength = 0;
        }
      }
      if (bestLength < 2) return hextets.join(":");
      const head = hextets.slice(0, bestStart).join(":");
      const tail = hextets.slice(bestStart + bestLength).join(":");
      return head + "::" + tail;
    }
    function normalizeIPv6Address(input) {
      const compression = input.indexOf("::");
      if (compression !== -1 && input.indexOf("::", compression + 1) !== -1) return void 0;
      const left = compression === -1 ? input.split(":") : input.slice(0, compression).split(":");
      const right = compression === -1 ? [] : input.slice(compression + 2).split(":");
      if (compression !== -1) {
        if (left.length === 1 && left[0] === "") left.length = 0;
        if (right.length === 1 && right[0] === "") right.length = 0;
      }
      const parts = left.concat(right);
      let hextetCount = 0;
      for (let i = 0; i < parts.length; i++) {
        const part = parts[i];
        if (part === "") return void 0;
        if (part.indexOf(".") !== -1) {
          if (i !== parts.length - 1 || compression !== -1 && right.length === 0 || !isIPv4(part)) return void 0;
          hextetCount += 2;
          continue;
        }
        if (!isHextet(part)) return void 0;
        parts[i] = parseInt(part, 16).toString(16);
        hextetCount++;
      }
      if (compression === -1) {
        if (hextetCount !== 8) return void 0;
        return compressIPv6ZeroRun(parts);
      }
      if (hextetCount >= 8) return void 0;
      const expanded = parts.slice(0, left.length);
      for (let i = hextetCount; i < 8; i++) expanded.push("0");
      for (let i = left.length; i < parts.length; i++) expanded.push(parts[i]);
      return compressIPv6ZeroRun(expanded);
    }
    function normalizeIPv6(host) {
      const bracketed = host[0] === "[" && host[host.length - 1] === "]";
      const hasBracket = host[0] === "[" || host[host.length - 1] === "]";
      if (hasBracket && !bracketed) return { host, isIPV6: false, error: true };
      let input = bracketed ? host.slice(1, -1) : host;
      if (bracketed && isIPvFuture(input)) {
        input = input.toLowerCase();
        return { host: `[${input}]`, escapedHost: input, isIPV6: false, isIPVFuture: true };
      }
      if (findToken(input, ":") < 2) {
        return { host, isIPV6: false, error: bracketed };
      }
      let zoneIdentifier = "";
      const zoneSeparator = input.indexOf("%");
      if (zoneSeparator !== -1) {
        const separatorLength = input.slice(zoneSeparator, zoneSeparator + 3).toLowerCase() === "%25" ? 3 : 1;
        zoneIdentifier = input.slice(zoneSeparator + separatorLength);
        if (!isZoneIdentifier(zoneIdentifier)) return { host, isIPV6: false, error: true };
        input = input.slice(0, zoneSeparator);
      }
      const address = normalizeIPv6Address(input);
      if (address === void 0) return { host, isIPV6: false, error: true };
      return {
        host: address + (zoneIdentifier ? "%" + zoneIdentifier : ""),
        escapedHost: address + (zoneIdentifier ? "%25" + zoneIdentifier : ""),
        isIPV6: true
      };
    }
    function findToken(str, token) {
      let ind = 0;
      for (let i = 0; i < str.length; i++) {
        if (str[i] === token) ind++;
      }
      return ind;
    }
    function removeDotSegments(path11) {
      let input = path11;
      const output = [];
      let nextSlash = -1;
      let len = 0;
      while (len = input.length) {
        if (len === 1) {
          if (input === ".") {
            break;
          } else if (input === "/") {
            output.push("/");
            break;
          } else {
            output.push(input);
            break;
          }
        } else if (len === 2) {
          if (input[0] === ".") {
            if (input[1] === ".") {
              break;
            } else if (input[1] === "/") {
              input = input.slice(2);
              continue;
            }
          } else if (input[0] === "/") {
            if (input[1] === "." || input[1] === "/") {
              output.push("/");
              break;
            }
          }
        } else if (len === 3) {
          if (input === "/..") {
            if (output.length !== 0) {
              output.pop();
            }
            output.push("/");
            break;
          }
        }
        if (input[0] === ".") {
          if (input[1] === ".") {
            if (input[2] === "/") {
              input = input.slice(3);
              continue;
            }
          } else if (input[1] === "/") {
            input = input.slice(2);
            continue;
          }
        } else if (input[0] === "/") {
          if (input[1] === ".") {
            if (input[2] === "/") {
              input = input.slice(2);
              continue;
            } else if (input[2] === ".") {
              if (input[3] === "/") {
                input = input.slice(3);
                if (output.length !== 0) {
                  output.pop();
                }
                continue;
              }
            }
          }
        }
        if ((nextSlash = input.indexOf("/", 1)) === -1) {
          output.push(input);
          break;
        } else {
          output.push(input.slice(0, nextSlash));
          input = input.slice(nextSlash);
        }
      }
      return output.join("");
    }
    function removeDotSegmentsRelative(path11) {
      if (path11 === "" || path11[0] === "/") {
        return removeDotSegments(path11);
      }
      const segments = path11.split("/");
      const last = segments.length - 1;
      const output = [];
      let trailingDirectory = false;
      for (let i = 0; i <= last; i++) {
        const segment = segments[i];
        if (segment === "." || segment === "..") {
          if (segment === "..") {
            if (output.length !== 0 && output[output.length - 1] !== "..") {
              output.pop();
            } else {
              output.push("..");
            }
          }
          trailingDirectory = i === last;
        } else {
          output.push(segment);
        }
      }
      if (trailingDirectory && output[output.length - 1] !== "..") {
        output.push("");
      }
      if (output.length === 0 || output[0] === "" || output[0].includes(":")) {
        output.unshift(".");
      }
      return output.join("/");
    }
    var HOST_DELIMS = { "@": "%40", "/": "%2F", "?": "%3F", "#": "%23", ":": "%3A" };
    var HOST_DELIM_RE = /[@/?#:]/g;
    var HOST_DELIM_NO_COLON_RE = /[@/?#]/g;
    function reescapeHostDelimiters(host, isIP) {
      const re = isIP ? HOST_DELIM_NO_COLON_RE : HOST_DELIM_RE;
      re.lastIndex = 0;
      return host.replace(re, (ch) => HOST_DELIMS[ch]);
    }
    function normalizePercentEncoding(input, decodeUnreserved = false) {
      if (input.indexOf("%") === -1) {
        return input;
      }
      let output = "";
      for (let i = 0; i < input.length; i++) {
        if (input[i] === "%" && i + 2 < input.length) {
          const hex = input.slice(i + 1, i + 3);
          if (isHexPair(hex)) {
            const normalizedHex = hex.toUpperCase();
            const decoded = String.fromCharCode(parseInt(normalizedHex, 16));
            if (decodeUnreserved && isUnreserved(decoded)) {
              output += decoded;
            } else {
              output += "%" + normalizedHex;
            }
            i += 2;
            continue;
          }
        }
        output += input[i];
      }
      return output;
    }
    function normalizePathEncoding(input) {
      let output = "";
      for (let i = 0; i < input.length; i++) {
        const ch = input[i];
        if (ch === "%" && i + 2 < input.length) {
          const hex = input.slice(i + 1, i + 3);
          if (isHexPair(hex)) {
            const normalizedHex = hex.toUpperCase();
            const decoded = String.fromCharCode(parseInt(normalizedHex, 16));
            if (decoded !== "." && isUnreserved(decoded)) {
              output += decoded;
            } else {
              output += "%" + normalizedHex;
            }
            i += 2;
            continue;
          }
        }
        if (isPathCharacter(ch)) {
          output += ch;
        } else {
          const code = input.charCodeAt(i);
          if (code < 128) {
            output += isEscapeSafe(code) ? ch : BYTE_HEX[code];
          } else if (code < 55296 || code > 57343) {
            output += percentEncodeNonAscii(code);
          } else if (code <= 56319 && i + 1 < input.length) {
            const low = input.charCodeAt(i + 1);
            if (low >= 56320 && low <= 57343) {
              output += percentEncodeNonAscii(65536 + (code - 55296 << 10) + (low - 56320));
              i++;
            } else {
              output += percentEncodeNonAscii(65533);
            }
          } else {
            output += percentEncodeNonAscii(65533);
          }
        }
      }
      return output;
    }
    function serializePathEncoding(input, pathNoScheme = false) {
      let output = "";
      let firstSegment = pathNoScheme && input[0] !== "/";
      for (let i = 0; i < input.length; i++) {
        const ch = input[i];
        if (ch === "%" && i + 2 < input.length) {
          const hex = input.slice(i + 1, i + 3);
          if (isHexPair(hex)) {
            output += "%" + hex.toUpperCase();
            i += 2;
            continue;
          }
        }
        if (ch === "/") {
          firstSegment = false;
        }
        if (isPathCharacter(ch) && (ch !== ":" || !firstSegment)) {
          output += ch;
        } else {
          const code = input.charCodeAt(i);
          if (code < 128) {
            output += BYTE_HEX[code];
          } else if (code < 55296 || code > 57343) {
            output += percentEncodeNonAscii(code);
          } else if (code <= 56319 && i + 1 < input.length) {
            const low = input.charCodeAt(i + 1);
            if (low >= 56320 && low <= 57343) {
              output += percentEncodeNonAscii(65536 + (code - 55296 << 10) + (low - 56320));
              i++;
            } else {
              output += percentEncodeNonAscii(65533);
            }
          } else {
            output += percentEncodeNonAscii(65533);
          }
        }
      }
      return output;
    }
    function encodeComponent(input, isAllowed) {
      let output = "";
      for (let i = 0; i < input.length; i++) {
        const ch = input[i];
        if (ch === "%" && i + 2 < input.length) {
          const hex = input.slice(i + 1, i + 3);
          if (isHexPair(hex)) {
            output += "%" + hex.toUpperCase();
            i += 2;
            continue;
          }
        }
        if (isAllowed(ch)) {
          output += ch;
        } else {
          const code = input.charCodeAt(i);
          if (code < 128) {
            output += BYTE_HEX[code];
          } else if (code < 55296 || code > 57343) {
            output += percentEncodeNonAscii(code);
          } else if (code <= 56319 && i + 1 < input.length) {
            const low = input.charCodeAt(i + 1);
            if (low >= 56320 && low <= 57343) {
              output += percentEncodeNonAscii(65536 + (code - 55296 << 10) + (low - 56320));
              i++;
            } else {
              output += percentEncodeNonAscii(65533);
            }
          } else {
            output += percentEncodeNonAscii(65533);
          }
        }
      }
      return output;
    }
    function encodeUserinfo(input) {
      return encodeComponent(input, isUserinfoCharacter);
    }
    function encodeQuery(input) {
      return encodeComponent(input, isQueryFragmentCharacter);
    }
    function encodeFragment(input) {
      return encodeComponent(input, isQueryFragmentCharacter);
    }
    function isEscapeSafe(cp5) {
      return cp5 >= 48 && cp5 <= 57 || cp5 >= 65 && cp5 <= 90 || cp5 >= 97 && cp5 <= 122 || cp5 === 42 || cp5 === 43 || cp5 === 45 || cp5 === 46 || cp5 === 47 || cp5 === 64 || cp5 === 95;
    }
    function normalizeQueryFragmentEncoding(input) {
      let output = "";
      for (let i = 0; i < input.length; i++) {
        const ch = input[i];
        if (ch === "%" && i + 2 < input.length) {
          const hex = input.slice(i + 1, i + 3);
          if (isHexPair(hex)) {
            const normalizedHex = hex.toUpperCase();
            const decoded = String.fromCharCode(parseInt(normalizedHex, 16));
            if (isUnreserved(decoded)) {
              output += decoded;
            } else {
              output += "%" + normalizedHex;
            }
            i += 2;
            continue;
          }
        }
        if (isQueryFragmentCharacter(ch)) {
          output += ch;
        } else {
          const code = input.charCodeAt(i);
          if (code < 128) {
            output += isEscapeSafe(code) ? ch : BYTE_HEX[code];
          } else if (code < 55296 || code > 57343) {
            output += percentEncodeNonAscii(code);
          } else if (code <= 56319 && i + 1 < input.length) {
            const low = input.charCodeAt(i + 1);
            if (low >= 56320 && low <= 57343) {
              output += percentEncodeNonAscii(65536 + (code - 55296 << 10) + (low - 56320));
              i++;
            } else {
              output += percentEncodeNonAscii(65533);
            }
          } else {
            output += percentEncodeNonAscii(65533);
          }
        }
      }
      return output;
    }
    function escapePreservingEscapes(input) {
      let output = "";
      for (let i = 0; i < input.length; i++) {
        if (input[i] === "%" && i + 2 < input.length) {
          const hex = input.slice(i + 1, i + 3);
          if (isHexPair(hex)) {
            output += "%" + hex.toUpperCase();
            i += 2;
            continue;
          }
        }
        output += escape(input[i]);
      }
      return output;
    }
    function recomposeAuthority(component) {
      const uriTokens = [];
      if (component.userinfo !== void 0) {
        uriTokens.push(encodeUserinfo(component.userinfo));
        uriTokens.push("@");
      }
      if (component.host !== void 0) {
        let host = component.host;
        if (!isIPv4(host)) {
          let ipV6res = normalizeIPv6(host);
          if (ipV6res.isIPV6 !== true && ipV6res.isIPVFuture !== true) {
            host = normalizePercentEncoding(host, true);
            ipV6res = normalizeIPv6(host);
          }
          if (ipV6res.isIPV6 === true || ipV6res.isIPVFuture === true) {
            host = `[${ipV6res.escapedHost}]`;
          } else {
            host = reescapeHostDelimiters(host, false);
          }
        }
        uriTokens.push(host);
      }
      if (typeof component.port === "number" || typeof component.port === "string") {
        const port = String(component.port);
        if (!isPort(port)) {
          throw new TypeError("URI port is malformed.");
        }
        uriTokens.push(":");
        uriTokens.push(port);
      }
      return uriTokens.length ? uriTokens.join("") : void 0;
    }
    module.exports = {
      nonSimpleDomain,
      recomposeAuthority,
      reescapeHostDelimiters,
      normalizePercentEncoding,
      normalizePathEncoding,
      serializePathEncoding,
      normalizeQueryFragmentEncoding,
      encodeUserinfo,
      encodeQuery,
      encodeFragment,
      escapePreservingEscapes,
      removeDotSegments,
      removeDotSegmentsRelative,
      isIPv4,
      isUUID,
      normalizeIPv6,
      stringArrayToHexStripped
    };
  }
});

// node_modules/fast-uri/lib/schemes.js
var require_schemes = __commonJS({
  "node_modules/fast-uri/lib/schemes.js"(exports, module) {
    "use strict";
    var { isUUID } = require_utils();
    var URN_REG = /^([\da-z][\d\-a-z]{0,31}):((?:[\w!$'()*+,\-./:;=@]|%[\da-f]{2})+)$/iu;
    var supportedSchemeNames = (
      /** @type {const} */
      [
        "http",
        "https",
        "ws",
        "wss",
        "urn",
        "urn:uuid"
      ]
    );
    function isValidSchemeName(name) {
      return supportedSchemeNames.indexOf(
        /** @type {*} */
        name
      ) !== -1;
    }
    function wsIsSecure(wsComponent) {
      if (wsComponent.secure === true) {
        return true;
      } else if (wsComponent.secure === false) {
        return false;
      } else if (wsComponent.scheme) {
        return wsComponent.scheme.length === 3 && (wsComponent.scheme[0] === "w" || wsComponent.scheme[0] === "W") && (wsComponent.scheme[1] === "s" || wsComponent.scheme[1] === "S") && (wsComponent.scheme[2] === "s" || wsComponent.scheme[2] === "S");
      } else {
        return false;
      }
    }
    function httpParse(component) {
      if (!component.host) {
        component.error = component.error || "HTTP URIs must have a host.";
      }
      return component;
    }
    function httpSerialize(component) {
      const secure = String(component.scheme).toLowerCase() === "https";
      if (component.port === (secure ? 443 : 80) || component.port === "") {
        component.port = void 0;
      }
      if (!component.path) {
        component.path = "/";
      }
      return component;
    }
    function wsParse(wsComponent) {
      wsComponent.secure = wsIsSecure(wsComponent);
      wsComponent.resourceName = (wsComponent.path || "/") + (wsComponent.query ? "?" + wsComponent.query : "");
      wsComponent.path = void 0;
      wsComponent.query = void 0;
      return wsComponent;
    }
    function wsSerialize(wsComponent) {
      if (wsComponent.port === (wsIsSecure(wsComponent) ? 443 : 80) || wsComponent.port === "") {
        wsComponent.port = void 0;
      }
      if (typeof wsComponent.secure === "boolean") {
        wsComponent.scheme = wsComponent.secure ? "wss" : "ws";
        wsComponent.secure = void 0;
      }
      if (wsComponent.resourceName) {
        const queryIndex = wsComponent.resourceName.indexOf("?");
        const path11 = queryIndex === -1 ? wsComponent.resourceName : wsComponent.resourceName.slice(0, queryIndex);
        wsComponent.path = path11 && path11 !== "/" ? path11 : void 0;
        wsComponent.query = queryIndex === -1 ? void 0 : wsComponent.resourceName.slice(queryIndex + 1);
        wsComponent.resourceName = void 0;
      }
      wsComponent.fragment = void 0;
      return wsComponent;
    }
    function urnParse(urnComponent, options) {
      if (!urnComponent.path) {
        urnComponent.error = "URN can not be parsed";
        return urnComponent;
      }
      const matches = urnComponent.path.match(URN_REG);
      if (matches && matches[0] === urnComponent.path) {
        const scheme = options.scheme || urnComponent.scheme || "urn";
        urnComponent.nid = matches[1].toLowerCase();
        urnComponent.nss = matches[2];
        const urnScheme = `${scheme}:${options.nid || urnComponent.nid}`;
        const schemeHandler = getSchemeHandler(urnScheme);
        urnComponent.path = void 0;
        if (schemeHandler) {
          urnComponent = schemeHandler.parse(urnComponent, options);
        }
      } else {
        urnComponent.error = urnComponent.error || "URN can not be parsed.";
      }
      return urnComponent;
    }
    function urnSerialize(urnComponent, options) {
      if (urnComponent.nid === void 0) {
        throw new Error("URN without nid cannot be serialized");
      }
      const scheme = options.scheme || urnComponent.scheme || "urn";
      const nid = urnComponent.nid.toLowerCase();
      const urnScheme = `${scheme}:${options.nid || nid}`;
      const schemeHandler = getSchemeHandler(urnScheme);
      if (schemeHandler) {
        urnComponent = schemeHandler.serialize(urnComponent, options);
      }
      const uriComponent = urnComponent;
      const nss = urnComponent.nss;
      uriComponent.path = `${nid || options.nid}:${nss}`;
      options.skipEscape = true;
      return uriComponent;
    }
    function urnuuidParse(urnComponent, options) {
      const uuidComponent = urnComponent;
      uuidComponent.uuid = uuidComponent.nss;
      uuidComponent.nss = void 0;
      if (!options.tolerant && (!uuidComponent.uuid || !isUUID(uuidComponent.uuid))) {
        uuidComponent.error = uuidComponent.error || "UUID is not valid.";
      }
      return uuidComponent;
    }
    function urnuuidSerialize(uuidComponent) {
      const urnComponent = uuidComponent;
      urnComponent.nss = (uuidComponent.uuid || "").toLowerCase();
      return urnComponent;
    }
    var http = (
      /** @type {SchemeHandler} */
      {
        scheme: "http",
        domainHost: true,
        parse: httpParse,
        serialize: httpSerialize
      }
    );
    var https = (
      /** @type {SchemeHandler} */
      {
        scheme: "https",
        domainHost: http.domainHost,
        parse: httpParse,
        serialize: httpSerialize
      }
    );
    var ws = (
      /** @type {SchemeHandler} */
      {
        scheme: "ws",
        domainHost: true,
        parse: wsParse,
        serialize: wsSerialize
      }
    );
    var wss = (
      /** @type {SchemeHandler} */
      {
        scheme: "wss",
        domainHost: ws.domainHost,
        parse: ws.parse,
        serialize: ws.serialize
      }
    );
    var urn = (
      /** @type {SchemeHandler} */
      {
        scheme: "urn",
        parse: urnParse,
        serialize: urnSerialize,
        skipNormalize: true
      }
    );
    var urnuuid = (
      /** @type {SchemeHandler} */
      {
        scheme: "urn:uuid",
        parse: urnuuidParse,
        serialize: urnuuidSerialize,
        skipNormalize: true
      }
    );
    var SCHEMES = (
      /** @type {Record<SchemeName, SchemeHandler>} */
      {
        http,
        https,
        ws,
        wss,
        urn,
        "urn:uuid": urnuuid
      }
    );
    Object.setPrototypeOf(SCHEMES, null);
    function getSchemeHandler(scheme) {
      return scheme && (SCHEMES[
        /** @type {SchemeName} */
        scheme
      ] || SCHEMES[
        /** @type {SchemeName} */
        scheme.toLowerCase()
      ]) || void 0;
    }
    module.exports = {
      wsIsSecure,
      SCHEMES,
      isValidSchemeName,
      getSchemeHandler
    };
  }
});

// node_modules/fast-uri/index.js
var require_fast_uri = __commonJS({
  "node_modules/fast-uri/index.js"(exports, module) {
    "use strict";
    var { normalizeIPv6, removeDotSegments, removeDotSegmentsRelative, recomposeAuthority, normalizePercentEncoding, normalizePathEncoding, serializePathEncoding, normalizeQueryFragmentEncoding, encodeQuery, encodeFragment, reescapeHostDelimiters, isIPv4, nonSimpleDomain } = require_utils();
    var { SCHEMES, getSchemeHandler } = require_schemes();
    var VALID_SCHEME = /^[A-Za-z][A-Za-z0-9+.-]*$/u;
    var MALFORMED_SCHEME_ERROR = "URI scheme is malformed.";
    var MALFORMED_HOST_ERROR = "URI host is malformed.";
    var FORBIDDEN_DOMAIN_HOST_CHARACTER = /[\0-\x20"#/:<>?@[\\\]^`{|}\x7F]/u;
    function validateScheme(scheme) {
      const stringScheme = String(scheme);
      if (!VALID_SCHEME.test(stringScheme)) {
        throw new TypeError(MALFORMED_SCHEME_ERROR);
      }
      return stringScheme;
    }
    function normalize(uri, options) {
      if (typeof uri === "string") {
        uri = /** @type {T} */
        normalizeString(uri, options);
      } else if (typeof uri === "object") {
        uri = /** @type {T} */
        parse(serialize(uri, options), options);
      }
      return uri;
    }
    function resolve(baseURI, relativeURI, options) {
      const schemelessOptions = options ? Object.assign({ scheme: "null" }, options) : { scheme: "null" };
      const {
        parsed: baseParsed,
        malformedAuthorityOrPort: baseMalformed,
        malformedPercentEncoding: baseMalformedPercentEncoding,
        malformedSchemeSpecific: baseMalformedSchemeSpecific,
        malformedHost: baseMalformedHost,
        malformedScheme: baseMalformedScheme
      } = parseWithStatus(baseURI, schemelessOptions);
      const {
        parsed: relativeParsed,
        malformedAuthorityOrPort: relativeMalformed,
        malformedPercentEncoding: relativeMalformedPercentEncoding,
        malformedSchemeSpecific: relativeMalformedSchemeSpecific,
        malformedHost: relativeMalformedHost,
        malformedScheme: relativeMalformedScheme
      } = parseWithStatus(relativeURI, schemelessOptions);
      if (baseMalformed || relativeMalformed || baseMalformedPercentEncoding || relativeMalformedPercentEncoding || baseMalformedSchemeSpecific || relativeMalformedSchemeSpecific || baseMalformedHost || relativeMalformedHost || baseMalformedScheme || relativeMalformedScheme) {
        throw new Error(baseParsed.error || relativeParsed.error || "URI is malformed.");
      }
      const resolved = resolveComponent(baseParsed, relativeParsed, schemelessOptions, true);
      const resolvedSchemeHandler = getSchemeHandler(options && options.scheme || resolved.scheme);
      const resolvedHost = resolved.host;
      const resolvedHostIsIP = resolvedHost !== void 0 && resolvedHost !== "" && (isIPv4(resolvedHost) || normalizeIPv6(resolvedHost).isIPV6);
      if (hasForbiddenDomainHost(resolved, options || {}, resolvedSchemeHandler, resolvedHostIsIP)) {
        throw new Error(MALFORMED_HOST_ERROR);
      }
      canonicalizeHost(resolved, options || {}, resolvedSchemeHandler, resolvedHostIsIP);
      const encodedASCIIHost = resolvedHost && resolvedHost.indexOf("%") !== -1 && !new RegExp("\\P{ASCII}", "u").test(resolvedHost);
      if (resolved.error && !encodedASCIIHost) {
        throw new Error(resolved.error);
      }
      schemelessOptions.skipEscape = true;
      return serialize(resolved, schemelessOptions);
    }
    function resolveComponent(base, relative, options, skipNormalization) {
      const target = {};
      if (!skipNormalization) {
        base = parse(serialize(base, options), options);
        relative = parse(serialize(relative, options), options);
      }
      options = options || {};
      if (!options.tolerant && relative.scheme) {
        target.scheme = relative.scheme;
        target.userinfo = relative.userinfo;
        target.host = relative.host;
        target.port = relative.port;
        target.path = removeDotSegments(relative.path || "");
        target.query = relative.query;
      } else {
        if (relative.userinfo !== void 0 || relative.host !== void 0 || relative.port !== void 0) {
          target.userinfo = relative.userinfo;
          target.host = relative.host;
          target.port = relative.port;
          target.path = removeDotSegments(relative.path || "");
          target.query = relative.query;
        } else {
          if (!relative.path) {
            target.path = base.path;
            if (relative.query !== void 0) {
              target.query = relative.query;
            } else {
              target.query = base.query;
            }
          } else {
            if (relative.path[0] === "/") {
              target.path = removeDotSegments(relative.path);
            } else {
              const baseHasAuthority = base.userinfo !== void 0 || base.host !== void 0 || base.port !== void 0;
              if (baseHasAuthority && !base.path) {
                target.path = "/" + relative.path;
              } else if (!base.path) {
                target.path = relative.path;
              } else {
                target.path = base.path.slice(0, base.path.lastIndexOf("/") + 1) + relative.path;
              }
              target.path = base.scheme === void 0 && !baseHasAuthority && target.path[0] !== "/" ? removeDotSegmentsRelative(target.path) : removeDotSegments(target.path);
            }
            target.query = relative.query;
          }
          target.userinfo = base.userinfo;
          target.host = base.host;
          target.port = base.port;
        }
        target.scheme = base.scheme;
      }
      target.fragment = relative.fragment;
      return target;
    }
    function equal(uriA, uriB, options) {
      const normalizedA = normalizeComparableURI(uriA, options);
      const normalizedB = normalizeComparableURI(uriB, options);
      return normalizedA !== void 0 && normalizedB !== void 0 && normalizedA === normalizedB;
    }
    function serialize(cmpts, opts) {
      const component = {
        host: cmpts.host,
        scheme: cmpts.scheme,
        userinfo: cmpts.userinfo,
        port: cmpts.port,
        path: cmpts.path,
        query: cmpts.query,
        nid: cmpts.nid,
        nss: cmpts.nss,
        uuid: cmpts.uuid,
        fragment: cmpts.fragment,
        reference: cmpts.reference,
        resourceName: cmpts.resourceName,
        secure: cmpts.secure,
        error: ""
      };
      const options = Object.assign({}, opts);
      const uriTokens = [];
      if (component.scheme) {
        component.scheme = validateScheme(component.scheme);
      }
      const schemeHandler = getSchemeHandler(options.scheme || component.scheme);
      if (schemeHandler && schemeHandler.serialize) schemeHandler.serialize(component, options);
      const hasAuthority = component.userinfo !== void 0 || component.host !== void 0 || component.port !== void 0;
      const schemelessReference = (component.scheme === void 0 || options.reference === "suffix") && !hasAuthority;
      const pathNoScheme = !options.skipEscape && schemelessReference;
      if (component.path !== void 0) {
        if (!options.skipEscape) {
          component.path = serializePathEncoding(component.path, pathNoScheme);
        } else {
          component.path = normalizePercentEncoding(component.path);
        }
      }
      if (options.reference !== "suffix" && component.scheme) {
        component.scheme = validateScheme(component.scheme);
        uriTokens.push(component.scheme, ":");
      }
      const authority = recomposeAuthority(component);
      if (authority !== void 0) {
        if (options.reference !== "suffix") {
          uriTokens.push("//");
        }
        uriTokens.push(authority);
        if (component.path && component.path[0] !== "/") {
          uriTokens.push("/");
        }
      }
      if (component.path !== void 0) {
        let s = component.path;
        if (!options.absolutePath && (!schemeHandler || !schemeHandler.absolutePath)) {
          s = schemelessReference && s[0] !== "/" ? removeDotSegmentsRelative(s) : removeDotSegments(s);
        }
        if (schemelessReference) {
          s = serializePathEncoding(s, true);
        }
        if (authority === void 0 && s[0] === "/" && s[1] === "/") {
          s = "/%2F" + s.slice(2);
        }
        uriTokens.push(s);
      }
      if (component.query !== void 0) {
        uriTokens.push("?", encodeQuery(component.query));
      }
      if (component.fragment !== void 0) {
        uriTokens.push("#", encodeFragment(component.fragment));
      }
      return uriTokens.join("");
    }
    var URI_PARSE = /^(?:([^#/:?]+):)?(?:\/\/((?:([^#/?@]*)@)?(\[[^#/?\]]+\]|[^#/:?]*)(?::(\d*))?))?([^#?]*)(?:\?([^#]*))?(?:#((?:.|[\n\r])*))?/u;
    var AUTHORITY_PREFIX = /^(?:[^#/:?]+:)?\/\/([^/?#]*)/;
    var AUTHORITY_INTRODUCER_REGION = /^(?:[^#/:?]+:)?([/\\\t\n\r]*)/;
    function getParseError(parsed, matches) {
      if (matches[2] !== void 0 && parsed.path && parsed.path[0] !== "/") {
        return 'URI path must start with "/" when authority is present.';
      }
      if (typeof parsed.port === "number" && (parsed.port < 0 || parsed.port > 65535)) {
        return "URI port is malformed.";
      }
      return void 0;
    }
    function hasMalformedPercentEncoding(component) {
      if (component === void 0) return false;
      let percent = component.indexOf("%");
      while (percent !== -1) {
        if (percent + 2 >= component.length || !/^[\da-f]{2}$/iu.test(component.slice(percent + 1, percent + 3))) {
          return true;
        }
        percent = component.indexOf("%", percent + 3);
      }
      return false;
    }
    function isIPLiteral(host) {
      return host[0] === "[" && host[host.length - 1] === "]";
    }
    function hasMalformedComponentPercentEncoding(matches) {
      const host = matches[4];
      return hasMalformedPercentEncoding(matches[3]) || host !== void 0 && !isIPLiteral(host) && hasMalformedPercentEncoding(host) || hasMalformedPercentEncoding(matches[6]) || hasMalformedPercentEncoding(matches[7]) || hasMalformedPercentEncoding(matches[8]);
    }
    function canonicalizeHost(parsed, options, schemeHandler, isIP) {
      if (hasForbiddenDomainHost(parsed, options, schemeHandler, isIP)) {
        parsed.error = parsed.error || MALFORMED_HOST_ERROR;
        return true;
      }
      if (!options.unicodeSupport && (!schemeHandler || !schemeHandler.unicodeSupport) && parsed.host && !isIPLiteral(parsed.host) && (options.domainHost || schemeHandler && schemeHandler.domainHost) && isIP === false && nonSimpleDomain(parsed.host)) {
        let url;
        try {
          url = new URL("http://" + parsed.host);
        } catch (e) {
          parsed.error = parsed.error || "Host's domain name can not be converted to ASCII: " + e;
          return true;
        }
        if (!isHostOnlyURL(url)) {
          parsed.error = parsed.error || MALFORMED_HOST_ERROR;
          return true;
        }
        parsed.host = url.hostname;
      }
      return false;
    }
    function hasForbiddenDomainHost(parsed, options, schemeHandler, isIP) {
      return Boolean(
        parsed.host && isIP === false && !isIPLiteral(parsed.host) && (options.domainHost || schemeHandler && schemeHandler.domainHost) && FORBIDDEN_DOMAIN_HOST_CHARACTER.test(parsed.host)
      );
    }
    function isHostOnlyURL(url) {
      return url.username === "" && url.password === "" && url.port === "" && url.pathname === "/" && url.search === "" && url.hash === "" && url.hostname !== "";
    }
    function parseWithStatus(uri, opts) {
      const options = Object.assign({}, opts);
      const parsed = {
        scheme: void 0,
        userinfo: void 0,
        host: "",
        port: void 0,
        path: "",
        query: void 0,
        fragment: void 0
      };
      let malformedAuthorityOrPort = false;
      let malformedPercentEncoding = false;
      let malformedSchemeSpecific = false;
      let malformedHost = false;
      let malformedIPLiteral = false;
      let malformedScheme = false;
      let isIP = false;
      if (options.reference === "suffix") {
        if (options.scheme) {
          uri = options.scheme + ":" + uri;
        } else {
          uri = "//" + uri;
        }
      }
      const authorityMatch = uri.match(AUTHORITY_PREFIX);
      if (authorityMatch !== null && authorityMatch[1].indexOf("\\") !== -1) {
        parsed.error = "URI authority must not contain a literal backslash.";
        malformedAuthorityOrPort = true;
      }
      const introducerMatch = uri.match(AUTHORITY_INTRODUCER_REGION);
      if (introducerMatch !== null) {
        const region = introducerMatch[1];
        const normalizedRegion = region.replace(/[\t\n\r]/g, "");
        if (normalizedRegion.length >= 2) {
          if (normalizedRegion.slice(0, 2) !== "//") {
            parsed.error = parsed.error || "URI authority must not contain a literal backslash.";
            malformedAuthorityOrPort = true;
          } else if (region.length !== normalizedRegion.length) {
            parsed.error = parsed.error || "URI authority introducer must not contain whitespace.";
            malformedAuthorityOrPort = true;
          }
        }
      }
      const matches = uri.match(URI_PARSE);
      if (matches) {
        parsed.scheme = matches[1];
        parsed.userinfo = matches[3];
        parsed.host = matches[4];
        parsed.port = parseInt(matches[5], 10);
        parsed.path = matches[6] || "";
        parsed.query = matches[7];
        parsed.fragment = matches[8];
        if (parsed.scheme !== void 0) {
          if (VALID_SCHEME.test(parsed.scheme)) {
            parsed.scheme = parsed.scheme.toLowerCase();
          } else {
            parsed.error = parsed.error || MALFORMED_SCHEME_ERROR;
            malformedScheme = true;
          }
        }
        malformedPercentEncoding = hasMalformedComponentPercentEncoding(matches);
        if (malformedPercentEncoding) {
          parsed.error = parsed.error || "URI contains malformed percent-encoding.";
        }
        if (isNaN(parsed.port)) {
          parsed.port = matches[5];
        }
        const parseError = getParseError(parsed, matches);
        if (parseError !== void 0) {
          parsed.error = parsed.error || parseError;
          malformedAuthorityOrPort = true;
        }
        if (parsed.host) {
          const ipv4result = isIPv4(parsed.host);
          if (ipv4result === false) {
            const bracketedIPLiteral = isIPLiteral(parsed.host);
            const hasIPLiteralBracket = parsed.host.indexOf("[") !== -1 || parsed.host.indexOf("]") !== -1;
            const ipv6result = normalizeIPv6(parsed.host);
            isIP = ipv6result.isIPV6 || ipv6result.isIPVFuture === true;
            malformedIPLiteral = hasIPLiteralBracket && (!bracketedIPLiteral || ipv6result.error === true);
            parsed.host = isIP ? ipv6result.host : ipv6result.host.toLowerCase();
            if (malformedIPLiteral) {
              parsed.error = parsed.error || MALFORMED_HOST_ERROR;
              malformedAuthorityOrPort = true;
            }
          } else {
            isIP = true;
          }
        }
        if (parsed.scheme === void 0 && parsed.userinfo === void 0 && parsed.host === void 0 && parsed.port === void 0 && parsed.query === void 0 && !parsed.path) {
          parsed.reference = "same-document";
        } else if (parsed.scheme === void 0) {
          parsed.reference = "relative";
        } else if (parsed.fragment === void 0) {
          parsed.reference = "absolute";
        } else {
          parsed.reference = "uri";
        }
        if (options.reference && options.reference !== "suffix" && options.reference !== parsed.reference) {
          parsed.error = parsed.error || "URI is not a " + options.reference + " reference.";
        }
        const schemeHandler = getSchemeHandler(options.scheme || parsed.scheme);
        if (!malformedIPLiteral) {
          malformedHost = canonicalizeHost(parsed, options, schemeHandler, isIP);
        }
        if (uri.indexOf("%") !== -1 && parsed.host !== void 0 && !malformedIPLiteral) {
          let host = isIP ? parsed.host : normalizePercentEncoding(parsed.host, true);
          if (!isIP) {
            host = normalizePercentEncoding(host.toLowerCase());
          }
          parsed.host = isIP || options.scheme !== "null" ? reescapeHostDelimiters(host, isIP) : host;
        }
        if (!schemeHandler || schemeHandler && !schemeHandler.skipNormalize) {
          if (parsed.path) {
            parsed.path = normalizePathEncoding(parsed.path);
          }
          if (parsed.query) {
            parsed.query = normalizeQueryFragmentEncoding(parsed.query);
          }
          if (parsed.fragment) {
            parsed.fragment = normalizeQueryFragmentEncoding(parsed.fragment);
          }
        }
        if (schemeHandler && schemeHandler.parse) {
          schemeHandler.parse(parsed, options);
          if (schemeHandler === SCHEMES.urn && parsed.nid === void 0) {
            malformedSchemeSpecific = true;
          }
        }
      } else {
        parsed.error = parsed.error || "URI can not be parsed.";
      }
      return { parsed, malformedAuthorityOrPort, malformedPercentEncoding, malformedSchemeSpecific, malformedHost, malformedScheme };
    }
    function parse(uri, opts) {
      return parseWithStatus(uri, opts).parsed;
    }
    function normalizeString(uri, opts) {
      return normalizeStringWithStatus(uri, opts).normalized;
    }
    function normalizeStringWithStatus(uri, opts) {
      const { parsed, malformedAuthorityOrPort, malformedPercentEncoding, malformedSchemeSpecific, malformedHost, malformedScheme } = parseWithStatus(uri, opts);
      return {
        normalized: malformedAuthorityOrPort || malformedPercentEncoding || malformedSchemeSpecific || malformedHost || malformedScheme ? uri : serialize(parsed, opts),
        malformedAuthorityOrPort,
        malformedPercentEncoding,
        malformedSchemeSpecific,
        malformedHost,
        malformedScheme
      };
    }
    function normalizeComparableURI(uri, opts) {
      if (typeof uri !== "string" && typeof uri !== "object") {
        return void 0;
      }
      let value;
      try {
        value = typeof uri === "string" ? uri : serialize(uri, opts);
      } catch {
        return void 0;
      }
      const { normalized, malformedAuthorityOrPort, malformedPercentEncoding, malformedSchemeSpecific, malformedHost, malformedScheme } = normalizeStringWithStatus(value, opts);
      return malformedAuthorityOrPort || malformedPercentEncoding || malformedSchemeSpecific || malformedHost || malformedScheme ? void 0 : normalized;
    }
    var fastUri = {
      SCHEMES,
      normalize,
      resolve,
      resolveComponent,
      equal,
      serialize,
      parse
    };
    module.exports = fastUri;
    module.exports.default = fastUri;
    module.exports.fastUri = fastUri;
  }
});

// node_modules/ajv/dist/runtime/uri.js
var require_uri = __commonJS({
  "node_modules/ajv/dist/runtime/uri.js"(exports) {
    "use strict";
    Object.defineProperty(exports, "__esModule", { value: true });
    var uri = require_fast_uri();
    uri.code = 'require("ajv/dist/runtime/uri").default';
    exports.default = uri;
  }
});

// node_modules/ajv/dist/core.js
var require_core = __commonJS({
  "node_modules/ajv/dist/core.js"(exports) {
    "use strict";
    Object.defineProperty(exports, "__esModule", { value: true });
    exports.CodeGen = exports.Name = exports.nil = exports.stringify = exports.str = exports._ = exports.KeywordCxt = void 0;
    var validate_1 = require_validate();
    Object.defineProperty(exports, "KeywordCxt", { enumerable: true, get: function() {
      return validate_1.KeywordCxt;
    } });
    var codegen_1 = require_codegen();
    Object.defineProperty(exports, "_", { enumerable: true, get: function() {
      return codegen_1._;
    } });
    Object.defineProperty(exports, "str", { enumerable: true, get: function() {
      return codegen_1.str;
    } });
    Object.defineProperty(exports, "stringify", { enumerable: true, get: function() {
      return codegen_1.stringify;
    } });
    Object.defineProperty(exports, "nil", { enumerable: true, get: function() {
      return codegen_1.nil;
    } });
    Object.defineProperty(exports, "Name", { enumerable: true, get: function() {
      return codegen_1.Name;
    } });
    Object.defineProperty(exports, "CodeGen", { enumerable: true, get: function() {
      return codegen_1.CodeGen;
    } });
    var validation_error_1 = require_validation_error();
    var ref_error_1 = require_ref_error();
    var rules_1 = require_rules();
    var compile_1 = require_compile();
    var codegen_2 = require_codegen();
    var resolve_1 = require_resolve();
    var dataType_1 = require_dataType();
    var util_1 = require_util();
    var $dataRefSchema = require_data();
    var uri_1 = require_uri();
    var defaultRegExp = (str, flags) => new RegExp(str, flags);
    defaultRegExp.code = "new RegExp";
    var META_IGNORE_OPTIONS = ["removeAdditional", "useDefaults", "coerceTypes"];
    var EXT_SCOPE_NAMES = /* @__PURE__ */ new Set([
      "validate",
      "serialize",
      "parse",
      "wrapper",
      "root",
      "schema",
      "keyword",
      "pattern",
      "formats",
      "validate$data",
      "func",
      "obj",
      "Error"
    ]);
    var removedOptions = {
      errorDataPath: "",
      format: "`validateFormats: false` can be used instead.",
      nullable: '"nullable" keyword is supported by default.',
      jsonPointers: "Deprecated jsPropertySyntax can be used instead.",
      extendRefs: "Deprecated ignoreKeywordsWithRef can be used instead.",
      missingRefs: "Pass empty schema with $id that should be ignored to ajv.addSchema.",
      processCode: "Use option `code: {process: (code, schemaEnv: object) => string}`",
      sourceCode: "Use option `code: {source: true}`",
      strictDefaults: "It is default now, see option `strict`.",
      strictKeywords: "It is default now, see option `strict`.",
      uniqueItems: '"uniqueItems" keyword is always validated.',
      unknownFormats: "Disable strict mode or pass `true` to `ajv.addFormat` (or `formats` option).",
      cache: "Map is used as cache, schema object as key.",
      serialize: "Map is used as cache, schema object as key.",
      ajvErrors: "It is default now."
    };
    var deprecatedOptions = {
      ignoreKeywordsWithRef: "",
      jsPropertySyntax: "",
      unicode: '"minLength"/"maxLength" account for unicode characters by default.'
    };
    var MAX_EXPRESSION = 200;
    function requiredOptions(o) {
      var _a, _b, _c, _d, _e, _f, _g, _h, _j, _k, _l, _m, _o, _p, _q, _r, _s, _t, _u, _v, _w, _x, _y, _z, _0;
      const s = o.strict;
      const _optz = (_a = o.code) === null || _a === void 0 ? void 0 : _a.optimize;
      const optimize = _optz === true || _optz === void 0 ? 1 : _optz || 0;
      const regExp = (_c = (_b = o.code) === null || _b === void 0 ? void 0 : _b.regExp) !== null && _c !== void 0 ? _c : defaultRegExp;
      const uriResolver = (_d = o.uriResolver) !== null && _d !== void 0 ? _d : uri_1.default;
      return {
        strictSchema: (_f = (_e = o.strictSchema) !== null && _e !== void 0 ? _e : s) !== null && _f !== void 0 ? _f : true,
        strictNumbers: (_h = (_g = o.strictNumbers) !== null && _g !== void 0 ? _g : s) !== null && _h !== void 0 ? _h : true,
        strictTypes: (_k = (_j = o.strictTypes) !== null && _j !== void 0 ? _j : s) !== null && _k !== void 0 ? _k : "log",
        strictTuples: (_m = (_l = o.strictTuples) !== null && _l !== void 0 ? _l : s) !== null && _m !== void 0 ? _m : "log",
        strictRequired: (_p = (_o = o.strictRequired) !== null && _o !== void 0 ? _o : s) !== null && _p !== void 0 ? _p : false,
        code: o.code ? { ...o.code, optimize, regExp } : { optimize, regExp },
        loopRequired: (_q = o.loopRequired) !== null && _q !== void 0 ? _q : MAX_EXPRESSION,
        loopEnum: (_r = o.loopEnum) !== null && _r !== void 0 ? _r : MAX_EXPRESSION,
        meta: (_s = o.meta) !== null && _s !== void 0 ? _s : true,
        messages: (_t = o.messages) !== null && _t !== void 0 ? _t : true,
        inlineRefs: (_u = o.inlineRefs) !== null && _u !== void 0 ? _u : true,
        schemaId: (_v = o.schemaId) !== null && _v !== void 0 ? _v : "$id",
        addUsedSchema: (_w = o.addUsedSchema) !== null && _w !== void 0 ? _w : true,
        validateSchema: (_x = o.validateSchema) !== null && _x !== void 0 ? _x : true,
        validateFormats: (_y = o.validateFormats) !== null && _y !== void 0 ? _y : true,
        unicodeRegExp: (_z = o.unicodeRegExp) !== null && _z !== void 0 ? _z : true,
        int32range: (_0 = o.int32range) !== null && _0 !== void 0 ? _0 : true,
        uriResolver
      };
    }
    var Ajv2 = class {
      constructor(opts = {}) {
        this.schemas = {};
        this.refs = {};
        this.formats = /* @__PURE__ */ Object.create(null);
        this._compilations = /* @__PURE__ */ new Set();
        this._loading = {};
        this._cache = /* @__PURE__ */ new Map();
        opts = this.opts = { ...opts, ...requiredOptions(opts) };
        const { es5, lines } = this.opts.code;
        this.scope = new codegen_2.ValueScope({ scope: {}, prefixes: EXT_SCOPE_NAMES, es5, lines });
        this.logger = getLogger(opts.logger);
        const formatOpt = opts.validateFormats;
        opts.validateFormats = false;
        this.RULES = (0, rules_1.getRules)();
        checkOptions.call(this, removedOptions, opts, "NOT SUPPORTED");
        checkOptions.call(this, deprecatedOptions, opts, "DEPRECATED", "warn");
        this._metaOpts = getMetaSchemaOptions.call(this);
        if (opts.formats)
          addInitialFormats.call(this);
        this._addVocabularies();
        this._addDefaultMetaSchema();
        if (opts.keywords)
          addInitialKeywords.call(this, opts.keywords);
        if (typeof opts.meta == "object")
          this.addMetaSchema(opts.meta);
        addInitialSchemas.call(this);
        opts.validateFormats = formatOpt;
      }
      _addVocabularies() {
        this.addKeyword("$async");
      }
      _addDefaultMetaSchema() {
        const { $data, meta, schemaId } = this.opts;
        let _dataRefSchema = $dataRefSchema;
        if (schemaId === "id") {
          _dataRefSchema = { ...$dataRefSchema };
          _dataRefSchema.id = _dataRefSchema.$id;
          delete _dataRefSchema.$id;
        }
        if (meta && $data)
          this.addMetaSchema(_dataRefSchema, _dataRefSchema[schemaId], false);
      }
      defaultMeta() {
        const { meta, schemaId } = this.opts;
        return this.opts.defaultMeta = typeof meta == "object" ? meta[schemaId] || meta : void 0;
      }
      validate(schemaKeyRef, data) {
        let v;
        if (typeof schemaKeyRef == "string") {
          v = this.getSchema(schemaKeyRef);
          if (!v)
            throw new Error(`no schema with key or ref "${schemaKeyRef}"`);
        } else {
          v = this.compile(schemaKeyRef);
        }
        const valid = v(data);
        if (!("$async" in v))
          this.errors = v.errors;
        return valid;
      }
      compile(schema, _meta) {
        const sch = this._addSchema(schema, _meta);
        return sch.validate || this._compileSchemaEnv(sch);
      }
      compileAsync(schema, meta) {
        if (typeof this.opts.loadSchema != "function") {
          throw new Error("options.loadSchema should be a function");
        }
        const { loadSchema } = this.opts;
        return runCompileAsync.call(this, schema, meta);
        async function runCompileAsync(_schema, _meta) {
          await loadMetaSchema.call(this, _schema.$schema);
          const sch = this._addSchema(_schema, _meta);
          return sch.validate || _compileAsync.call(this, sch);
        }
        async function loadMetaSchema($ref) {
          if ($ref && !this.getSchema($ref)) {
            await runCompileAsync.call(this, { $ref }, true);
          }
        }
        async function _compileAsync(sch) {
          try {
            return this._compileSchemaEnv(sch);
          } catch (e) {
            if (!(e instanceof ref_error_1.default))
              throw e;
            checkLoaded.call(this, e);
            await loadMissingSchema.call(this, e.missingSchema);
            return _compileAsync.call(this, sch);
          }
        }
        function checkLoaded({ missingSchema: ref, missingRef }) {
          if (this.refs[ref]) {
            throw new Error(`AnySchema ${ref} is loaded but ${missingRef} cannot be resolved`);
          }
        }
        async function loadMissingSchema(ref) {
          const _schema = await _loadSchema.call(this, ref);
          if (!this.refs[ref])
            await loadMetaSchema.call(this, _schema.$schema);
          if (!this.refs[ref])
            this.addSchema(_schema, ref, meta);
        }
        async function _loadSchema(ref) {
          const p = this._loading[ref];
          if (p)
            return p;
          try {
            return await (this._loading[ref] = loadSchema(ref));
          } finally {
            delete this._loading[ref];
          }
        }
      }
      // Adds schema to the instance
      addSchema(schema, key, _meta, _validateSchema = this.opts.validateSchema) {
        if (Array.isArray(schema)) {
          for (const sch of schema)
            this.addSchema(sch, void 0, _meta, _validateSchema);
          return this;
        }
        let id;
        if (typeof schema === "object") {
          const { schemaId } = this.opts;
          id = schema[schemaId];
          if (id !== void 0 && typeof id != "string") {
            throw new Error(`schema ${schemaId} must be string`);
          }
        }
        key = (0, resolve_1.normalizeId)(key || id);
        this._checkUnique(key);
        this.schemas[key] = this._addSchema(schema, _meta, key, _validateSchema, true);
        return this;
      }
      // Add schema that will be used to validate other schemas
      // options in META_IGNORE_OPTIONS are alway set to false
      addMetaSchema(schema, key, _validateSchema = this.opts.validateSchema) {
        this.addSchema(schema, key, true, _validateSchema);
        return this;
      }
      //  Validate schema against its meta-schema
      validateSchema(schema, throwOrLogError) {
        if (typeof schema == "boolean")
          return true;
        let $schema;
        $schema = schema.$schema;
        if ($schema !== void 0 && typeof $schema != "string") {
          throw new Error("$schema must be a string");
        }
        $schema = $schema || this.opts.defaultMeta || this.defaultMeta();
        if (!$schema) {
          this.logger.warn("meta-schema not available");
          this.errors = null;
          return true;
        }
        const valid = this.validate($schema, schema);
        if (!valid && throwOrLogError) {
          const message = "schema is invalid: " + this.errorsText();
          if (this.opts.validateSchema === "log")
            this.logger.error(message);
          else
            throw new Error(message);
        }
        return valid;
      }
      // Get compiled schema by `key` or `ref`.
      // (`key` that was passed to `addSchema` or full schema reference - `schema.$id` or resolved id)
      getSchema(keyRef) {
        let sch;
        while (typeof (sch = getSchEnv.call(this, keyRef)) == "string")
          keyRef = sch;
        if (sch === void 0) {
          const { schemaId } = this.opts;
          const root = new compile_1.SchemaEnv({ schema: {}, schemaId });
          sch = compile_1.resolveSchema.call(this, root, keyRef);
          if (!sch)
            return;
          this.refs[keyRef] = sch;
        }
        return sch.validate || this._compileSchemaEnv(sch);
      }
      // Remove cached schema(s).
      // If no parameter is passed all schemas but meta-schemas are removed.
      // If RegExp is passed all schemas with key/id matching pattern but meta-schemas are removed.
      // Even if schema is referenced by other schemas it still can be removed as other schemas have local references.
      removeSchema(schemaKeyRef) {
        if (schemaKeyRef instanceof RegExp) {
          this._removeAllSchemas(this.schemas, schemaKeyRef);
          this._removeAllSchemas(this.refs, schemaKeyRef);
          return this;
        }
        switch (typeof schemaKeyRef) {
          case "undefined":
            this._removeAllSchemas(this.schemas);
            this._removeAllSchemas(this.refs);
            this._cache.clear();
            return this;
          case "string": {
            const sch = getSchEnv.call(this, schemaKeyRef);
            if (typeof sch == "object")
              this._cache.delete(sch.schema);
            delete this.schemas[schemaKeyRef];
            delete this.refs[schemaKeyRef];
            return this;
          }
          case "object": {
            const cacheKey = schemaKeyRef;
            this._cache.delete(cacheKey);
            let id = schemaKeyRef[this.opts.schemaId];
            if (id) {
              id = (0, resolve_1.normalizeId)(id);
              delete this.schemas[id];
              delete this.refs[id];
            }
            return this;
          }
          default:
            throw new Error("ajv.removeSchema: invalid parameter");
        }
      }
      // add "vocabulary" - a collection of keywords
      addVocabulary(definitions) {
        for (const def of definitions)
          this.addKeyword(def);
        return this;
      }
      addKeyword(kwdOrDef, def) {
        let keyword;
        if (typeof kwdOrDef == "string") {
          keyword = kwdOrDef;
          if (typeof def == "object") {
            this.logger.warn("these parameters are deprecated, see docs for addKeyword");
            def.keyword = keyword;
          }
        } else if (typeof kwdOrDef == "object" && def === void 0) {
          def = kwdOrDef;
          keyword = def.keyword;
          if (Array.isArray(keyword) && !keyword.length) {
            throw new Error("addKeywords: keyword must be string or non-empty array");
          }
        } else {
          throw new Error("invalid addKeywords parameters");
        }
        checkKeyword.call(this, keyword, def);
        if (!def) {
          (0, util_1.eachItem)(keyword, (kwd) => addRule.call(this, kwd));
          return this;
        }
        keywordMetaschema.call(this, def);
        const definition = {
          ...def,
          type: (0, dataType_1.getJSONTypes)(def.type),
          schemaType: (0, dataType_1.getJSONTypes)(def.schemaType)
        };
        (0, util_1.eachItem)(keyword, definition.type.length === 0 ? (k) => addRule.call(this, k, definition) : (k) => definition.type.forEach((t) => addRule.call(this, k, definition, t)));
        return this;
      }
      getKeyword(keyword) {
        const rule = this.RULES.all[keyword];
        return typeof rule == "object" ? rule.definition : !!rule;
      }
      // Remove keyword
      removeKeyword(keyword) {
        const { RULES } = this;
        delete RULES.keywords[keyword];
        delete RULES.all[keyword];
        for (const group2 of RULES.rules) {
          const i = group2.rules.findIndex((rule) => rule.keyword === keyword);
          if (i >= 0)
            group2.rules.splice(i, 1);
        }
        return this;
      }
      // Add format
      addFormat(name, format) {
        if (typeof format == "string")
          format = new RegExp(format);
        this.formats[name] = format;
        return this;
      }
      errorsText(errors = this.errors, { separator = ", ", dataVar = "data" } = {}) {
        if (!errors || errors.length === 0)
          return "No errors";
        return errors.map((e) => `${dataVar}${e.instancePath} ${e.message}`).reduce((text, msg) => text + separator + msg);
      }
      $dataMetaSchema(metaSchema, keywordsJsonPointers) {
        const rules = this.RULES.all;
        metaSchema = JSON.parse(JSON.stringify(metaSchema));
        for (const jsonPointer of keywordsJsonPointers) {
          const segments = jsonPointer.split("/").slice(1);
          let keywords = metaSchema;
          for (const seg of segments)
            keywords = keywords[seg];
          for (const key in rules) {
            const rule = rules[key];
            if (typeof rule != "object")
              continue;
            const { $data } = rule.definition;
            const schema = keywords[key];
            if ($data && schema)
              keywords[key] = schemaOrData(schema);
          }
        }
        return metaSchema;
      }
      _removeAllSchemas(schemas, regex) {
        for (const keyRef in schemas) {
          const sch = schemas[keyRef];
          if (!regex || regex.test(keyRef)) {
            if (typeof sch == "string") {
              delete schemas[keyRef];
            } else if (sch && !sch.meta) {
              this._cache.delete(sch.schema);
              delete schemas[keyRef];
            }
          }
        }
      }
      _addSchema(schema, meta, baseId, validateSchema = this.opts.validateSchema, addSchema = this.opts.addUsedSchema) {
        let id;
        const { schemaId } = this.opts;
        if (typeof schema == "object") {
          id = schema[schemaId];
        } else {
          if (this.opts.jtd)
            throw new Error("schema must be object");
          else if (typeof schema != "boolean")
            throw new Error("schema must be object or boolean");
        }
        let sch = this._cache.get(schema);
        if (sch !== void 0)
          return sch;
        baseId = (0, resolve_1.normalizeId)(id || baseId);
        const localRefs = resolve_1.getSchemaRefs.call(this, schema, baseId);
        sch = new compile_1.SchemaEnv({ schema, schemaId, meta, baseId, localRefs });
        this._cache.set(sch.schema, sch);
        if (addSchema && !baseId.startsWith("#")) {
          if (baseId)
            this._checkUnique(baseId);
          this.refs[baseId] = sch;
        }
        if (validateSchema)
          this.validateSchema(schema, true);
        return sch;
      }
      _checkUnique(id) {
        if (this.schemas[id] || this.refs[id]) {
          throw new Error(`schema with key or id "${id}" already exists`);
        }
      }
      _compileSchemaEnv(sch) {
        if (sch.meta)
          this._compileMetaSchema(sch);
        else
          compile_1.compileSchema.call(this, sch);
        if (!sch.validate)
          throw new Error("ajv implementation error");
        return sch.validate;
      }
      _compileMetaSchema(sch) {
        const currentOpts = this.opts;
        this.opts = this._metaOpts;
        try {
          compile_1.compileSchema.call(this, sch);
        } finally {
          this.opts = currentOpts;
        }
      }
    };
    Ajv2.ValidationError = validation_error_1.default;
    Ajv2.MissingRefError = ref_error_1.default;
    exports.default = Ajv2;
    function checkOptions(checkOpts, options, msg, log = "error") {
      for (const key in checkOpts) {
        const opt = key;
        if (opt in options)
          this.logger[log](`${msg}: option ${key}. ${checkOpts[opt]}`);
      }
    }
    function getSchEnv(keyRef) {
      keyRef = (0, resolve_1.normalizeId)(keyRef);
      return this.schemas[keyRef] || this.refs[keyRef];
    }
    function addInitialSchemas() {
      const optsSchemas = this.opts.schemas;
      if (!optsSchemas)
        return;
      if (Array.isArray(optsSchemas))
        this.addSchema(optsSchemas);
      else
        for (const key in optsSchemas)
          this.addSchema(optsSchemas[key], key);
    }
    function addInitialFormats() {
      for (const name in this.opts.formats) {
        const format = this.opts.formats[name];
        if (format)
          this.addFormat(name, format);
      }
    }
    function addInitialKeywords(defs) {
      if (Array.isArray(defs)) {
        this.addVocabulary(defs);
        return;
      }
      this.logger.warn("keywords option as map is deprecated, pass array");
      for (const keyword in defs) {
        const def = defs[keyword];
        if (!def.keyword)
          def.keyword = keyword;
        this.addKeyword(def);
      }
    }
    function getMetaSchemaOptions() {
      const metaOpts = { ...this.opts };
      for (const opt of META_IGNORE_OPTIONS)
        delete metaOpts[opt];
      return metaOpts;
    }
    var noLogs = { log() {
    }, warn() {
    }, error() {
    } };
    function getLogger(logger) {
      if (logger === false)
        return noLogs;
      if (logger === void 0)
        return console;
      if (logger.log && logger.warn && logger.error)
        return logger;
      throw new Error("logger must implement log, warn and error methods");
    }
    var KEYWORD_NAME = /^[a-z_$][a-z0-9_$:-]*$/i;
    function checkKeyword(keyword, def) {
      const { RULES } = this;
      (0, util_1.eachItem)(keyword, (kwd) => {
        if (RULES.keywords[kwd])
          throw new Error(`Keyword ${kwd} is already defined`);
        if (!KEYWORD_NAME.test(kwd))
          throw new Error(`Keyword ${kwd} has invalid name`);
      });
      if (!def)
        return;
      if (def.$data && !("code" in def || "validate" in def)) {
        throw new Error('$data keyword must have "code" or "validate" function');
      }
    }
    function addRule(keyword, definition, dataType) {
      var _a;
      const post = definition === null || definition === void 0 ? void 0 : definition.post;
      if (dataType && post)
        throw new Error('keyword with "post" flag cannot have "type"');
      const { RULES } = this;
      let ruleGroup = post ? RULES.post : RULES.rules.find(({ type: t }) => t === dataType);
      if (!ruleGroup) {
        ruleGroup = { type: dataType, rules: [] };
        RULES.rules.push(ruleGroup);
      }
      RULES.keywords[keyword] = true;
      if (!definition)
        return;
      const rule = {
        keyword,
        definition: {
          ...definition,
          type: (0, dataType_1.getJSONTypes)(definition.type),
          schemaType: (0, dataType_1.getJSONTypes)(definition.schemaType)
        }
      };
      if (definition.before)
        addBeforeRule.call(this, ruleGroup, rule, definition.before);
      else
        ruleGroup.rules.push(rule);
      RULES.all[keyword] = rule;
      (_a = definition.implements) === null || _a === void 0 ? void 0 : _a.forEach((kwd) => this.addKeyword(kwd));
    }
    function addBeforeRule(ruleGroup, rule, before) {
      const i = ruleGroup.rules.findIndex((_rule) => _rule.keyword === before);
      if (i >= 0) {
        ruleGroup.rules.splice(i, 0, rule);
      } else {
        ruleGroup.rules.push(rule);
        this.logger.warn(`rule ${before} is not defined`);
      }
    }
    function keywordMetaschema(def) {
      let { metaSchema } = def;
      if (metaSchema === void 0)
        return;
      if (def.$data && this.opts.$data)
        metaSchema = schemaOrData(metaSchema);
      def.validateSchema = this.compile(metaSchema, true);
    }
    var $dataRef = {
      $ref: "https://raw.githubusercontent.com/ajv-validator/ajv/master/lib/refs/data.json#"
    };
    function schemaOrData(schema) {
      return { anyOf: [schema, $dataRef] };
    }
  }
});

// node_modules/ajv/dist/vocabularies/core/id.js
var require_id = __commonJS({
  "node_modules/ajv/dist/vocabularies/core/id.js"(exports) {
    "use strict";
    Object.defineProperty(exports, "__esModule", { value: true });
    var def = {
      keyword: "id",
      code() {
        throw new Error('NOT SUPPORTED: keyword "id", use "$id" for schema ID');
      }
    };
    exports.default = def;
  }
});

// node_modules/ajv/dist/vocabularies/core/ref.js
var require_ref = __commonJS({
  "node_modules/ajv/dist/vocabularies/core/ref.js"(exports) {
    "use strict";
    Object.defineProperty(exports, "__esModule", { value: true });
    exports.callRef = exports.getValidate = void 0;
    var ref_error_1 = require_ref_error();
    var code_1 = require_code2();
    var codegen_1 = require_codegen();
    var names_1 = require_names();
    var compile_1 = require_compile();
    var util_1 = require_util();
    var def = {
      keyword: "$ref",
      schemaType: "string",
      code(cxt) {
        const { gen, schema: $ref, it } = cxt;
        const { baseId, schemaEnv: env, validateName, opts, self } = it;
        const { root } = env;
        if (($ref === "#" || $ref === "#/") && baseId === root.baseId)
          return callRootRef();
        const schOrEnv = compile_1.resolveRef.call(self, root, baseId, $ref);
        if (schOrEnv === void 0)
          throw new ref_error_1.default(it.opts.uriResolver, baseId, $ref);
        if (schOrEnv instanceof compile_1.SchemaEnv)
          return callValidate(schOrEnv);
        return inlineRefSchema(schOrEnv);
        function callRootRef() {
          if (env === root)
            return callRef(cxt, validateName, env, env.$async);
          const rootName = gen.scopeValue("root", { ref: root });
          return callRef(cxt, (0, codegen_1._)`${rootName}.validate`, root, root.$async);
        }
        function callValidate(sch) {
          const v = getValidate(cxt, sch);
          callRef(cxt, v, sch, sch.$async);
        }
        function inlineRefSchema(sch) {
          const schName = gen.scopeValue("schema", opts.code.source === true ? { ref: sch, code: (0, codegen_1.stringify)(sch) } : { ref: sch });
          const valid = gen.name("valid");
          const schCxt = cxt.subschema({
            schema: sch,
            dataTypes: [],
            schemaPath: codegen_1.nil,
            topSchemaRef: schName,
            errSchemaPath: $ref
          }, valid);
          cxt.mergeEvaluated(schCxt);
          cxt.ok(valid);
        }
      }
    };
    function getValidate(cxt, sch) {
      const { gen } = cxt;
      return sch.validate ? gen.scopeValue("validate", { ref: sch.validate }) : (0, codegen_1._)`${gen.scopeValue("wrapper", { ref: sch })}.validate`;
    }
    exports.getValidate = getValidate;
    function callRef(cxt, v, sch, $async) {
      const { gen, it } = cxt;
      const { allErrors, schemaEnv: env, opts } = it;
      const passCxt = opts.passContext ? names_1.default.this : codegen_1.nil;
      if ($async)
        callAsyncRef();
      else
        callSyncRef();
      function callAsyncRef() {
        if (!env.$async)
          throw new Error("async schema referenced by sync schema");
        const valid = gen.let("valid");
        gen.try(() => {
          gen.code((0, codegen_1._)`await ${(0, code_1.callValidateCode)(cxt, v, passCxt)}`);
          addEvaluatedFrom(v);
          if (!allErrors)
            gen.assign(valid, true);
        }, (e) => {
          gen.if((0, codegen_1._)`!(${e} instanceof ${it.ValidationError})`, () => gen.throw(e));
          addErrorsFrom(e);
          if (!allErrors)
            gen.assign(valid, false);
        });
        cxt.ok(valid);
      }
      function callSyncRef() {
        cxt.result((0, code_1.callValidateCode)(cxt, v, passCxt), () => addEvaluatedFrom(v), () => addErrorsFrom(v));
      }
      function addErrorsFrom(source) {
        const errs = (0, codegen_1._)`${source}.errors`;
        gen.assign(names_1.default.vErrors, (0, codegen_1._)`${names_1.default.vErrors} === null ? ${errs} : ${names_1.default.vErrors}.concat(${errs})`);
        gen.assign(names_1.default.errors, (0, codegen_1._)`${names_1.default.vErrors}.length`);
      }
      function addEvaluatedFrom(source) {
        var _a;
        if (!it.opts.unevaluated)
          return;
        const schEvaluated = (_a = sch === null || sch === void 0 ? void 0 : sch.validate) === null || _a === void 0 ? void 0 : _a.evaluated;
        if (it.props !== true) {
          if (schEvaluated && !schEvaluated.dynamicProps) {
            if (schEvaluated.props !== void 0) {
              it.props = util_1.mergeEvaluated.props(gen, schEvaluated.props, it.props);
            }
          } else {
            const props = gen.var("props", (0, codegen_1._)`${source}.evaluated.props`);
            it.props = util_1.mergeEvaluated.props(gen, props, it.props, codegen_1.Name);
          }
        }
        if (it.items !== true) {
          if (schEvaluated && !schEvaluated.dynamicItems) {
            if (schEvaluated.items !== void 0) {
              it.items = util_1.mergeEvaluated.items(gen, schEvaluated.items, it.items);
            }
          } else {
            const items = gen.var("items", (0, codegen_1._)`${source}.evaluated.items`);
            it.items = util_1.mergeEvaluated.items(gen, items, it.items, codegen_1.Name);
          }
        }
      }
    }
    exports.callRef = callRef;
    exports.default = def;
  }
});

// node_modules/ajv/dist/vocabularies/core/index.js
var require_core2 = __commonJS({
  "node_modules/ajv/dist/vocabularies/core/index.js"(exports) {
    "use strict";
    Object.defineProperty(exports, "__esModule", { value: true });
    var id_1 = require_id();
    var ref_1 = require_ref();
    var core = [
      "$schema",
      "$id",
      "$defs",
      "$vocabulary",
      { keyword: "$comment" },
      "definitions",
      id_1.default,
      ref_1.default
    ];
    exports.default = core;
  }
});

// node_modules/ajv/dist/vocabularies/validation/limitNumber.js
var require_limitNumber = __commonJS({
  "node_modules/ajv/dist/vocabularies/validation/limitNumber.js"(exports) {
    "use strict";
    Object.defineProperty(exports, "__esModule", { value: true });
    var codegen_1 = require_codegen();
    var ops = codegen_1.operators;
    var KWDs = {
      maximum: { okStr: "<=", ok: ops.LTE, fail: ops.GT },
      minimum: { okStr: ">=", ok: ops.GTE, fail: ops.LT },
      exclusiveMaximum: { okStr: "<", ok: ops.LT, fail: ops.GTE },
      exclusiveMinimum: { okStr: ">", ok: ops.GT, fail: ops.LTE }
    };
    var error2 = {
      message: ({ keyword, schemaCode }) => (0, codegen_1.str)`must be ${KWDs[keyword].okStr} ${schemaCode}`,
      params: ({ keyword, schemaCode }) => (0, codegen_1._)`{comparison: ${KWDs[keyword].okStr}, limit: ${schemaCode}}`
    };
    var def = {
      keyword: Object.keys(KWDs),
      type: "number",
      schemaType: "number",
      $data: true,
      error: error2,
      code(cxt) {
        const { keyword, data, schemaCode } = cxt;
        cxt.fail$data((0, codegen_1._)`${data} ${KWDs[keyword].fail} ${schemaCode} || isNaN(${data})`);
      }
    };
    exports.default = def;
  }
});

// node_modules/ajv/dist/vocabularies/validation/multipleOf.js
var require_multipleOf = __commonJS({
  "node_modules/ajv/dist/vocabularies/validation/multipleOf.js"(exports) {
    "use strict";
    Object.defineProperty(exports, "__esModule", { value: true });
    var codegen_1 = require_codegen();
    var error2 = {
      message: ({ schemaCode }) => (0, codegen_1.str)`must be multiple of ${schemaCode}`,
      params: ({ schemaCode }) => (0, codegen_1._)`{multipleOf: ${schemaCode}}`
    };
    var def = {
      keyword: "multipleOf",
      type: "number",
      schemaType: "number",
      $data: true,
      error: error2,
      code(cxt) {
        const { gen, data, schemaCode, it } = cxt;
        const prec = it.opts.multipleOfPrecision;
        const res = gen.let("res");
        const invalid = prec ? (0, codegen_1._)`Math.abs(Math.round(${res}) - ${res}) > 1e-${prec}` : (0, codegen_1._)`${res} !== parseInt(${res})`;
        cxt.fail$data((0, codegen_1._)`(${schemaCode} === 0 || (${res} = ${data}/${schemaCode}, ${invalid}))`);
      }
    };
    exports.default = def;
  }
});

// node_modules/ajv/dist/runtime/ucs2length.js
var require_ucs2length = __commonJS({
  "node_modules/ajv/dist/runtime/ucs2length.js"(exports) {
    "use strict";
    Object.defineProperty(exports, "__esModule", { value: true });
    function ucs2length(str) {
      const len = str.length;
      let length = 0;
      let pos = 0;
      let value;
      while (pos < len) {
        length++;
        value = str.charCodeAt(pos++);
        if (value >= 55296 && value <= 56319 && pos < len) {
          value = str.charCodeAt(pos);
          if ((value & 64512) === 56320)
            pos++;
        }
      }
      return length;
    }
    exports.default = ucs2length;
    ucs2length.code = 'require("ajv/dist/runtime/ucs2length").default';
  }
});

// node_modules/ajv/dist/vocabularies/validation/limitLength.js
var require_limitLength = __commonJS({
  "node_modules/ajv/dist/vocabularies/validation/limitLength.js"(exports) {
    "use strict";
    Object.defineProperty(exports, "__esModule", { value: true });
    var codegen_1 = require_codegen();
    var util_1 = require_util();
    var ucs2length_1 = require_ucs2length();
    var error2 = {
      message({ keyword, schemaCode }) {
        const comp = keyword === "maxLength" ? "more" : "fewer";
        return (0, codegen_1.str)`must NOT have ${comp} than ${schemaCode} characters`;
      },
      params: ({ schemaCode }) => (0, codegen_1._)`{limit: ${schemaCode}}`
    };
    var def = {
      keyword: ["maxLength", "minLength"],
      type: "string",
      schemaType: "number",
      $data: true,
      error: error2,
      code(cxt) {
        const { keyword, data, schemaCode, it } = cxt;
        const op = keyword === "maxLength" ? codegen_1.operators.GT : codegen_1.operators.LT;
        const len = it.opts.unicode === false ? (0, codegen_1._)`${data}.length` : (0, codegen_1._)`${(0, util_1.useFunc)(cxt.gen, ucs2length_1.default)}(${data})`;
        cxt.fail$data((0, codegen_1._)`${len} ${op} ${schemaCode}`);
      }
    };
    exports.default = def;
  }
});

// node_modules/ajv/dist/vocabularies/validation/pattern.js
var require_pattern = __commonJS({
  "node_modules/ajv/dist/vocabularies/validation/pattern.js"(exports) {
    "use strict";
    Object.defineProperty(exports, "__esModule", { value: true });
    var code_1 = require_code2();
    var util_1 = require_util();
    var codegen_1 = require_codegen();
    var error2 = {
      message: ({ schemaCode }) => (0, codegen_1.str)`must match pattern "${schemaCode}"`,
      params: ({ schemaCode }) => (0, codegen_1._)`{pattern: ${schemaCode}}`
    };
    var def = {
      keyword: "pattern",
      type: "string",
      schemaType: "string",
      $data: true,
      error: error2,
      code(cxt) {
        const { gen, data, $data, schema, schemaCode, it } = cxt;
        const u = it.opts.unicodeRegExp ? "u" : "";
        if ($data) {
          const { regExp } = it.opts.code;
          const regExpCode = regExp.code === "new RegExp" ? (0, codegen_1._)`new RegExp` : (0, util_1.useFunc)(gen, regExp);
          const valid = gen.let("valid");
          gen.try(() => gen.assign(valid, (0, codegen_1._)`${regExpCode}(${schemaCode}, ${u}).test(${data})`), () => gen.assign(valid, false));
          cxt.fail$data((0, codegen_1._)`!${valid}`);
        } else {
          const regExp = (0, code_1.usePattern)(cxt, schema);
          cxt.fail$data((0, codegen_1._)`!${regExp}.test(${data})`);
        }
      }
    };
    exports.default = def;
  }
});

// node_modules/ajv/dist/vocabularies/validation/limitProperties.js
var require_limitProperties = __commonJS({
  "node_modules/ajv/dist/vocabularies/validation/limitProperties.js"(exports) {
    "use strict";
    Object.defineProperty(exports, "__esModule", { value: true });
    var codegen_1 = require_codegen();
    var error2 = {
      message({ keyword, schemaCode }) {
        const comp = keyword === "maxProperties" ? "more" : "fewer";
        return (0, codegen_1.str)`must NOT have ${comp} than ${schemaCode} properties`;
      },
      params: ({ schemaCode }) => (0, codegen_1._)`{limit: ${schemaCode}}`
    };
    var def = {
      keyword: ["maxProperties", "minProperties"],
      type: "object",
      schemaType: "number",
      $data: true,
      error: error2,
      code(cxt) {
        const { keyword, data, schemaCode } = cxt;
        const op = keyword === "maxProperties" ? codegen_1.operators.GT : codegen_1.operators.LT;
        cxt.fail$data((0, codegen_1._)`Object.keys(${data}).length ${op} ${schemaCode}`);
      }
    };
    exports.default = def;
  }
});

// node_modules/ajv/dist/vocabularies/validation/required.js
var require_required = __commonJS({
  "node_modules/ajv/dist/vocabularies/validation/required.js"(exports) {
    "use strict";
    Object.defineProperty(exports, "__esModule", { value: true });
    var code_1 = require_code2();
    var codegen_1 = require_codegen();
    var util_1 = require_util();
    var error2 = {
      message: ({ params: { missingProperty } }) => (0, codegen_1.str)`must have required property '${missingProperty}'`,
      params: ({ params: { missingProperty } }) => (0, codegen_1._)`{missingProperty: ${missingProperty}}`
    };
    var def = {
      keyword: "required",
      type: "object",
      schemaType: "array",
      $data: true,
      error: error2,
      code(cxt) {
        const { gen, schema, schemaCode, data, $data, it } = cxt;
        const { opts } = it;
        if (!$data && schema.length === 0)
          return;
        const useLoop = schema.length >= opts.loopRequired;
        if (it.allErrors)
          allErrorsMode();
        else
          exitOnErrorMode();
        if (opts.strictRequired) {
          const props = cxt.parentSchema.properties;
          const { definedProperties } = cxt.it;
          for (const requiredKey of schema) {
            if ((props === null || props === void 0 ? void 0 : props[requiredKey]) === void 0 && !definedProperties.has(requiredKey)) {
              const schemaPath = it.schemaEnv.baseId + it.errSchemaPath;
              const msg = `required property "${requiredKey}" is not defined at "${schemaPath}" (strictRequired)`;
              (0, util_1.checkStrictMode)(it, msg, it.opts.strictRequired);
            }
          }
        }
        function allErrorsMode() {
          if (useLoop || $data) {
            cxt.block$data(codegen_1.nil, loopAllRequired);
          } else {
            for (const prop of schema) {
              (0, code_1.checkReportMissingProp)(cxt, prop);
            }
          }
        }
        function exitOnErrorMode() {
          const missing = gen.let("missing");
          if (useLoop || $data) {
            const valid = gen.let("valid", true);
            cxt.block$data(valid, () => loopUntilMissing(missing, valid));
            cxt.ok(valid);
          } else {
            gen.if((0, code_1.checkMissingProp)(cxt, schema, missing));
            (0, code_1.reportMissingProp)(cxt, missing);
            gen.else();
          }
        }
        function loopAllRequired() {
          gen.forOf("prop", schemaCode, (prop) => {
            cxt.setParams({ missingProperty: prop });
            gen.if((0, code_1.noPropertyInData)(gen, data, prop, opts.ownProperties), () => cxt.error());
          });
        }
        function loopUntilMissing(missing, valid) {
          cxt.setParams({ missingProperty: missing });
          gen.forOf(missing, schemaCode, () => {
            gen.assign(valid, (0, code_1.propertyInData)(gen, data, missing, opts.ownProperties));
            gen.if((0, codegen_1.not)(valid), () => {
              cxt.error();
              gen.break();
            });
          }, codegen_1.nil);
        }
      }
    };
    exports.default = def;
  }
});

// node_modules/ajv/dist/vocabularies/validation/limitItems.js
var require_limitItems = __commonJS({
  "node_modules/ajv/dist/vocabularies/validation/limitItems.js"(exports) {
    "use strict";
    Object.defineProperty(exports, "__esModule", { value: true });
    var codegen_1 = require_codegen();
    var error2 = {
      message({ keyword, schemaCode }) {
        const comp = keyword === "maxItems" ? "more" : "fewer";
        return (0, codegen_1.str)`must NOT have ${comp} than ${schemaCode} items`;
      },
      params: ({ schemaCode }) => (0, codegen_1._)`{limit: ${schemaCode}}`
    };
    var def = {
      keyword: ["maxItems", "minItems"],
      type: "array",
      schemaType: "number",
      $data: true,
      error: error2,
      code(cxt) {
        const { keyword, data, schemaCode } = cxt;
        const op = keyword === "maxItems" ? codegen_1.operators.GT : codegen_1.operators.LT;
        cxt.fail$data((0, codegen_1._)`${data}.length ${op} ${schemaCode}`);
      }
    };
    exports.default = def;
  }
});

// node_modules/ajv/dist/runtime/equal.js
var require_equal = __commonJS({
  "node_modules/ajv/dist/runtime/equal.js"(exports) {
    "use strict";
    Object.defineProperty(exports, "__esModule", { value: true });
    var equal = require_fast_deep_equal();
    equal.code = 'require("ajv/dist/runtime/equal").default';
    exports.default = equal;
  }
});

// node_modules/ajv/dist/vocabularies/validation/uniqueItems.js
var require_uniqueItems = __commonJS({
  "node_modules/ajv/dist/vocabularies/validation/uniqueItems.js"(exports) {
    "use strict";
    Object.defineProperty(exports, "__esModule", { value: true });
    var dataType_1 = require_dataType();
    var codegen_1 = require_codegen();
    var util_1 = require_util();
    var equal_1 = require_equal();
    var error2 = {
      message: ({ params: { i, j } }) => (0, codegen_1.str)`must NOT have duplicate items (items ## ${j} and ${i} are identical)`,
      params: ({ params: { i, j } }) => (0, codegen_1._)`{i: ${i}, j: ${j}}`
    };
    var def = {
      keyword: "uniqueItems",
      type: "array",
      schemaType: "boolean",
      $data: true,
      error: error2,
      code(cxt) {
        const { gen, data, $data, schema, parentSchema, schemaCode, it } = cxt;
        if (!$data && !schema)
          return;
        const valid = gen.let("valid");
        const itemTypes = parentSchema.items ? (0, dataType_1.getSchemaTypes)(parentSchema.items) : [];
        cxt.block$data(valid, validateUniqueItems, (0, codegen_1._)`${schemaCode} === false`);
        cxt.ok(valid);
        function validateUniqueItems() {
          const i = gen.let("i", (0, codegen_1._)`${data}.length`);
          const j = gen.let("j");
          cxt.setParams({ i, j });
          gen.assign(valid, true);
          gen.if((0, codegen_1._)`${i} > 1`, () => (canOptimize() ? loopN : loopN2)(i, j));
        }
        function canOptimize() {
          return itemTypes.length > 0 && !itemTypes.some((t) => t === "object" || t === "array");
        }
        function loopN(i, j) {
          const item = gen.name("item");
          const wrongType = (0, dataType_1.checkDataTypes)(itemTypes, item, it.opts.strictNumbers, dataType_1.DataType.Wrong);
          const indices = gen.const("indices", (0, codegen_1._)`{}`);
          gen.for((0, codegen_1._)`;${i}--;`, () => {
            gen.let(item, (0, codegen_1._)`${data}[${i}]`);
            gen.if(wrongType, (0, codegen_1._)`continue`);
            if (itemTypes.length > 1)
              gen.if((0, codegen_1._)`typeof ${item} == "string"`, (0, codegen_1._)`${item} += "_"`);
            gen.if((0, codegen_1._)`typeof ${indices}[${item}] == "number"`, () => {
              gen.assign(j, (0, codegen_1._)`${indices}[${item}]`);
              cxt.error();
              gen.assign(valid, false).break();
            }).code((0, codegen_1._)`${indices}[${item}] = ${i}`);
          });
        }
        function loopN2(i, j) {
          const eql = (0, util_1.useFunc)(gen, equal_1.default);
          const outer = gen.name("outer");
          gen.label(outer).for((0, codegen_1._)`;${i}--;`, () => gen.for((0, codegen_1._)`${j} = ${i}; ${j}--;`, () => gen.if((0, codegen_1._)`${eql}(${data}[${i}], ${data}[${j}])`, () => {
            cxt.error();
            gen.assign(valid, false).break(outer);
          })));
        }
      }
    };
    exports.default = def;
  }
});

// node_modules/ajv/dist/vocabularies/validation/const.js
var require_const = __commonJS({
  "node_modules/ajv/dist/vocabularies/validation/const.js"(exports) {
    "use strict";
    Object.defineProperty(exports, "__esModule", { value: true });
    var codegen_1 = require_codegen();
    var util_1 = require_util();
    var equal_1 = require_equal();
    var error2 = {
      message: "must be equal to constant",
      params: ({ schemaCode }) => (0, codegen_1._)`{allowedValue: ${schemaCode}}`
    };
    var def = {
      keyword: "const",
      $data: true,
      error: error2,
      code(cxt) {
        const { gen, data, $data, schemaCode, schema } = cxt;
        if ($data || schema && typeof schema == "object") {
          cxt.fail$data((0, codegen_1._)`!${(0, util_1.useFunc)(gen, equal_1.default)}(${data}, ${schemaCode})`);
        } else {
          cxt.fail((0, codegen_1._)`${schema} !== ${data}`);
        }
      }
    };
    exports.default = def;
  }
});

// node_modules/ajv/dist/vocabularies/validation/enum.js
var require_enum = __commonJS({
  "node_modules/ajv/dist/vocabularies/validation/enum.js"(exports) {
    "use strict";
    Object.defineProperty(exports, "__esModule", { value: true });
    var codegen_1 = require_codegen();
    var util_1 = require_util();
    var equal_1 = require_equal();
    var error2 = {
      message: "must be equal to one of the allowed values",
      params: ({ schemaCode }) => (0, codegen_1._)`{allowedValues: ${schemaCode}}`
    };
    var def = {
      keyword: "enum",
      schemaType: "array",
      $data: true,
      error: error2,
      code(cxt) {
        const { gen, data, $data, schema, schemaCode, it } = cxt;
        if (!$data && schema.length === 0)
          throw new Error("enum must have non-empty array");
        const useLoop = schema.length >= it.opts.loopEnum;
        let eql;
        const getEql = () => eql !== null && eql !== void 0 ? eql : eql = (0, util_1.useFunc)(gen, equal_1.default);
        let valid;
        if (useLoop || $data) {
          valid = gen.let("valid");
          cxt.block$data(valid, loopEnum);
        } else {
          if (!Array.isArray(schema))
            throw new Error("ajv implementation error");
          const vSchema = gen.const("vSchema", schemaCode);
          valid = (0, codegen_1.or)(...schema.map((_x, i) => equalCode(vSchema, i)));
        }
        cxt.pass(valid);
        function loopEnum() {
          gen.assign(valid, false);
          gen.forOf("v", schemaCode, (v) => gen.if((0, codegen_1._)`${getEql()}(${data}, ${v})`, () => gen.assign(valid, true).break()));
        }
        function equalCode(vSchema, i) {
          const sch = schema[i];
          return typeof sch === "object" && sch !== null ? (0, codegen_1._)`${getEql()}(${data}, ${vSchema}[${i}])` : (0, codegen_1._)`${data} === ${sch}`;
        }
      }
    };
    exports.default = def;
  }
});

// node_modules/ajv/dist/vocabularies/validation/index.js
var require_validation = __commonJS({
  "node_modules/ajv/dist/vocabularies/validation/index.js"(exports) {
    "use strict";
    Object.defineProperty(exports, "__esModule", { value: true });
    var limitNumber_1 = require_limitNumber();
    var multipleOf_1 = require_multipleOf();
    var limitLength_1 = require_limitLength();
    var pattern_1 = require_pattern();
    var limitProperties_1 = require_limitProperties();
    var required_1 = require_required();
    var limitItems_1 = require_limitItems();
    var uniqueItems_1 = require_uniqueItems();
    var const_1 = require_const();
    var enum_1 = require_enum();
    var validation = [
      // number
      limitNumber_1.default,
      multipleOf_1.default,
      // string
      limitLength_1.default,
      pattern_1.default,
      // object
      limitProperties_1.default,
      required_1.default,
      // array
      limitItems_1.default,
      uniqueItems_1.default,
      // any
      { keyword: "type", schemaType: ["string", "array"] },
      { keyword: "nullable", schemaType: "boolean" },
      const_1.default,
      enum_1.default
    ];
    exports.default = validation;
  }
});

// node_modules/ajv/dist/vocabularies/applicator/additionalItems.js
var require_additionalItems = __commonJS({
  "node_modules/ajv/dist/vocabularies/applicator/additionalItems.js"(exports) {
    "use strict";
    Object.defineProperty(exports, "__esModule", { value: true });
    exports.validateAdditionalItems = void 0;
    var codegen_1 = require_codegen();
    var util_1 = require_util();
    var error2 = {
      message: ({ params: { len } }) => (0, codegen_1.str)`must NOT have more than ${len} items`,
      params: ({ params: { len } }) => (0, codegen_1._)`{limit: ${len}}`
    };
    var def = {
      keyword: "additionalItems",
      type: "array",
      schemaType: ["boolean", "object"],
      before: "uniqueItems",
      error: error2,
      code(cxt) {
        const { parentSchema, it } = cxt;
        const { items } = parentSchema;
        if (!Array.isArray(items)) {
          (0, util_1.checkStrictMode)(it, '"additionalItems" is ignored when "items" is not an array of schemas');
          return;
        }
        validateAdditionalItems(cxt, items);
      }
    };
    function validateAdditionalItems(cxt, items) {
      const { gen, schema, data, keyword, it } = cxt;
      it.items = true;
      const len = gen.const("len", (0, codegen_1._)`${data}.length`);
      if (schema === false) {
        cxt.setParams({ len: items.length });
        cxt.pass((0, codegen_1._)`${len} <= ${items.length}`);
      } else if (typeof schema == "object" && !(0, util_1.alwaysValidSchema)(it, schema)) {
        const valid = gen.var("valid", (0, codegen_1._)`${len} <= ${items.length}`);
        gen.if((0, codegen_1.not)(valid), () => validateItems(valid));
        cxt.ok(valid);
      }
      function validateItems(valid) {
        gen.forRange("i", items.length, len, (i) => {
          cxt.subschema({ keyword, dataProp: i, dataPropType: util_1.Type.Num }, valid);
          if (!it.allErrors)
            gen.if((0, codegen_1.not)(valid), () => gen.break());
        });
      }
    }
    exports.validateAdditionalItems = validateAdditionalItems;
    exports.default = def;
  }
});

// node_modules/ajv/dist/vocabularies/applicator/items.js
var require_items = __commonJS({
  "node_modules/ajv/dist/vocabularies/applicator/items.js"(exports) {
    "use strict";
    Object.defineProperty(exports, "__esModule", { value: true });
    exports.validateTuple = void 0;
    var codegen_1 = require_codegen();
    var util_1 = require_util();
    var code_1 = require_code2();
    var def = {
      keyword: "items",
      type: "array",
      schemaType: ["object", "array", "boolean"],
      before: "uniqueItems",
      code(cxt) {
        const { schema, it } = cxt;
        if (Array.isArray(schema))
          return validateTuple(cxt, "additionalItems", schema);
        it.items = true;
        if ((0, util_1.alwaysValidSchema)(it, schema))
          return;
        cxt.ok((0, code_1.validateArray)(cxt));
      }
    };
    function validateTuple(cxt, extraItems, schArr = cxt.schema) {
      const { gen, parentSchema, data, keyword, it } = cxt;
      checkStrictTuple(parentSchema);
      if (it.opts.unevaluated && schArr.length && it.items !== true) {
        it.items = util_1.mergeEvaluated.items(gen, schArr.length, it.items);
      }
      const valid = gen.name("valid");
      const len = gen.const("len", (0, codegen_1._)`${data}.length`);
      schArr.forEach((sch, i) => {
        if ((0, util_1.alwaysValidSchema)(it, sch))
          return;
        gen.if((0, codegen_1._)`${len} > ${i}`, () => cxt.subschema({
          keyword,
          schemaProp: i,
          dataProp: i
        }, valid));
        cxt.ok(valid);
      });
      function checkStrictTuple(sch) {
        const { opts, errSchemaPath } = it;
        const l = schArr.length;
        const fullTuple = l === sch.minItems && (l === sch.maxItems || sch[extraItems] === false);
        if (opts.strictTuples && !fullTuple) {
          const msg = `"${keyword}" is ${l}-tuple, but minItems or maxItems/${extraItems} are not specified or different at path "${errSchemaPath}"`;
          (0, util_1.checkStrictMode)(it, msg, opts.strictTuples);
        }
      }
    }
    exports.validateTuple = validateTuple;
    exports.default = def;
  }
});

// node_modules/ajv/dist/vocabularies/applicator/prefixItems.js
var require_prefixItems = __commonJS({
  "node_modules/ajv/dist/vocabularies/applicator/prefixItems.js"(exports) {
    "use strict";
    Object.defineProperty(exports, "__esModule", { value: true });
    var items_1 = require_items();
    var def = {
      keyword: "prefixItems",
      type: "array",
      schemaType: ["array"],
      before: "uniqueItems",
      code: (cxt) => (0, items_1.validateTuple)(cxt, "items")
    };
    exports.default = def;
  }
});

// node_modules/ajv/dist/vocabularies/applicator/items2020.js
var require_items2020 = __commonJS({
  "node_modules/ajv/dist/vocabularies/applicator/items2020.js"(exports) {
    "use strict";
    Object.defineProperty(exports, "__esModule", { value: true });
    var codegen_1 = require_codegen();
    var util_1 = require_util();
    var code_1 = require_code2();
    var additionalItems_1 = require_additionalItems();
    var error2 = {
      message: ({ params: { len } }) => (0, codegen_1.str)`must NOT have more than ${len} items`,
      params: ({ params: { len } }) => (0, codegen_1._)`{limit: ${len}}`
    };
    var def = {
      keyword: "items",
      type: "array",
      schemaType: ["object", "boolean"],
      before: "uniqueItems",
      error: error2,
      code(cxt) {
        const { schema, parentSchema, it } = cxt;
        const { prefixItems } = parentSchema;
        it.items = true;
        if ((0, util_1.alwaysValidSchema)(it, schema))
          return;
        if (prefixItems)
          (0, additionalItems_1.validateAdditionalItems)(cxt, prefixItems);
        else
          cxt.ok((0, code_1.validateArray)(cxt));
      }
    };
    exports.default = def;
  }
});

// node_modules/ajv/dist/vocabularies/applicator/contains.js
var require_contains = __commonJS({
  "node_modules/ajv/dist/vocabularies/applicator/contains.js"(exports) {
    "use strict";
    Object.defineProperty(exports, "__esModule", { value: true });
    var codegen_1 = require_codegen();
    var util_1 = require_util();
    var error2 = {
      message: ({ params: { min, max } }) => max === void 0 ? (0, codegen_1.str)`must contain at least ${min} valid item(s)` : (0, codegen_1.str)`must contain at least ${min} and no more than ${max} valid item(s)`,
      params: ({ params: { min, max } }) => max === void 0 ? (0, codegen_1._)`{minContains: ${min}}` : (0, codegen_1._)`{minContains: ${min}, maxContains: ${max}}`
    };
    var def = {
      keyword: "contains",
      type: "array",
      schemaType: ["object", "boolean"],
      before: "uniqueItems",
      trackErrors: true,
      error: error2,
      code(cxt) {
        const { gen, schema, parentSchema, data, it } = cxt;
        let min;
        let max;
        const { minContains, maxContains } = parentSchema;
        if (it.opts.next) {
          min = minContains === void 0 ? 1 : minContains;
          max = maxContains;
        } else {
          min = 1;
        }
        const len = gen.const("len", (0, codegen_1._)`${data}.length`);
        cxt.setParams({ min, max });
        if (max === void 0 && min === 0) {
          (0, util_1.checkStrictMode)(it, `"minContains" == 0 without "maxContains": "contains" keyword ignored`);
          return;
        }
        if (max !== void 0 && min > max) {
          (0, util_1.checkStrictMode)(it, `"minContains" > "maxContains" is always invalid`);
          cxt.fail();
          return;
        }
        if ((0, util_1.alwaysValidSchema)(it, schema)) {
          let cond = (0, codegen_1._)`${len} >= ${min}`;
          if (max !== void 0)
            cond = (0, codegen_1._)`${cond} && ${len} <= ${max}`;
          cxt.pass(cond);
          return;
        }
        it.items = true;
        const valid = gen.name("valid");
        if (max === void 0 && min === 1) {
          validateItems(valid, () => gen.if(valid, () => gen.break()));
        } else if (min === 0) {
          gen.let(valid, true);
          if (max !== void 0)
            gen.if((0, codegen_1._)`${data}.length > 0`, validateItemsWithCount);
        } else {
          gen.let(valid, false);
          validateItemsWithCount();
        }
        cxt.result(valid, () => cxt.reset());
        function validateItemsWithCount() {
          const schValid = gen.name("_valid");
          const count = gen.let("count", 0);
          validateItems(schValid, () => gen.if(schValid, () => checkLimits(count)));
        }
        function validateItems(_valid, block) {
          gen.forRange("i", 0, len, (i) => {
            cxt.subschema({
              keyword: "contains",
              dataProp: i,
              dataPropType: util_1.Type.Num,
              compositeRule: true
            }, _valid);
            block();
          });
        }
        function checkLimits(count) {
          gen.code((0, codegen_1._)`${count}++`);
          if (max === void 0) {
            gen.if((0, codegen_1._)`${count} >= ${min}`, () => gen.assign(valid, true).break());
          } else {
            gen.if((0, codegen_1._)`${count} > ${max}`, () => gen.assign(valid, false).break());
            if (min === 1)
              gen.assign(valid, true);
            else
              gen.if((0, codegen_1._)`${count} >= ${min}`, () => gen.assign(valid, true));
          }
        }
      }
    };
    exports.default = def;
  }
});

// node_modules/ajv/dist/vocabularies/applicator/dependencies.js
var require_dependencies = __commonJS({
  "node_modules/ajv/dist/vocabularies/applicator/dependencies.js"(exports) {
    "use strict";
    Object.defineProperty(exports, "__esModule", { value: true });
    exports.validateSchemaDeps = exports.validatePropertyDeps = exports.error = void 0;
    var codegen_1 = require_codegen();
    var util_1 = require_util();
    var code_1 = require_code2();
    exports.error = {
      message: ({ params: { property, depsCount, deps } }) => {
        const property_ies = depsCount === 1 ? "property" : "properties";
        return (0, codegen_1.str)`must have ${property_ies} ${deps} when property ${property} is present`;
      },
      params: ({ params: { property, depsCount, deps, missingProperty } }) => (0, codegen_1._)`{property: ${property},
    missingProperty: ${missingProperty},
    depsCount: ${depsCount},
    deps: ${deps}}`
      // TODO change to reference
    };
    var def = {
      keyword: "dependencies",
      type: "object",
      schemaType: "object",
      error: exports.error,
      code(cxt) {
        const [propDeps, schDeps] = splitDependencies(cxt);
        validatePropertyDeps(cxt, propDeps);
        validateSchemaDeps(cxt, schDeps);
      }
    };
    function splitDependencies({ schema }) {
      const propertyDeps = {};
      const schemaDeps = {};
      for (const key in schema) {
        if (key === "__proto__")
          continue;
        const deps = Array.isArray(schema[key]) ? propertyDeps : schemaDeps;
        deps[key] = schema[key];
      }
      return [propertyDeps, schemaDeps];
    }
    function validatePropertyDeps(cxt, propertyDeps = cxt.schema) {
      const { gen, data, it } = cxt;
      if (Object.keys(propertyDeps).length === 0)
        return;
      const missing = gen.let("missing");
      for (const prop in propertyDeps) {
        const deps = propertyDeps[prop];
        if (deps.length === 0)
          continue;
        const hasProperty = (0, code_1.propertyInData)(gen, data, prop, it.opts.ownProperties);
        cxt.setParams({
          property: prop,
          depsCount: deps.length,
          deps: deps.join(", ")
        });
        if (it.allErrors) {
          gen.if(hasProperty, () => {
            for (const depProp of deps) {
              (0, code_1.checkReportMissingProp)(cxt, depProp);
            }
          });
        } else {
          gen.if((0, codegen_1._)`${hasProperty} && (${(0, code_1.checkMissingProp)(cxt, deps, missing)})`);
          (0, code_1.reportMissingProp)(cxt, missing);
          gen.else();
        }
      }
    }
    exports.validatePropertyDeps = validatePropertyDeps;
    function validateSchemaDeps(cxt, schemaDeps = cxt.schema) {
      const { gen, data, keyword, it } = cxt;
      const valid = gen.name("valid");
      for (const prop in schemaDeps) {
        if ((0, util_1.alwaysValidSchema)(it, schemaDeps[prop]))
          continue;
        gen.if(
          (0, code_1.propertyInData)(gen, data, prop, it.opts.ownProperties),
          () => {
            const schCxt = cxt.subschema({ keyword, schemaProp: prop }, valid);
            cxt.mergeValidEvaluated(schCxt, valid);
          },
          () => gen.var(valid, true)
          // TODO var
        );
        cxt.ok(valid);
      }
    }
    exports.validateSchemaDeps = validateSchemaDeps;
    exports.default = def;
  }
});

// node_modules/ajv/dist/vocabularies/applicator/propertyNames.js
var require_propertyNames = __commonJS({
  "node_modules/ajv/dist/vocabularies/applicator/propertyNames.js"(exports) {
    "use strict";
    Object.defineProperty(exports, "__esModule", { value: true });
    var codegen_1 = require_codegen();
    var util_1 = require_util();
    var error2 = {
      message: "property name must be valid",
      params: ({ params }) => (0, codegen_1._)`{propertyName: ${params.propertyName}}`
    };
    var def = {
      keyword: "propertyNames",
      type: "object",
      schemaType: ["object", "boolean"],
      error: error2,
      code(cxt) {
        const { gen, schema, data, it } = cxt;
        if ((0, util_1.alwaysValidSchema)(it, schema))
          return;
        const valid = gen.name("valid");
        gen.forIn("key", data, (key) => {
          cxt.setParams({ propertyName: key });
          cxt.subschema({
            keyword: "propertyNames",
            data: key,
            dataTypes: ["string"],
            propertyName: key,
            compositeRule: true
          }, valid);
          gen.if((0, codegen_1.not)(valid), () => {
            cxt.error(true);
            if (!it.allErrors)
              gen.break();
          });
        });
        cxt.ok(valid);
      }
    };
    exports.default = def;
  }
});

// node_modules/ajv/dist/vocabularies/applicator/additionalProperties.js
var require_additionalProperties = __commonJS({
  "node_modules/ajv/dist/vocabularies/applicator/additionalProperties.js"(exports) {
    "use strict";
    Object.defineProperty(exports, "__esModule", { value: true });
    var code_1 = require_code2();
    var codegen_1 = require_codegen();
    var names_1 = require_names();
    var util_1 = require_util();
    var error2 = {
      message: "must NOT have additional properties",
      params: ({ params }) => (0, codegen_1._)`{additionalProperty: ${params.additionalProperty}}`
    };
    var def = {
      keyword: "additionalProperties",
      type: ["object"],
      schemaType: ["boolean", "object"],
      allowUndefined: true,
      trackErrors: true,
      error: error2,
      code(cxt) {
        const { gen, schema, parentSchema, data, errsCount, it } = cxt;
        if (!errsCount)
          throw new Error("ajv implementation error");
        const { allErrors, opts } = it;
        it.props = true;
        if (opts.removeAdditional !== "all" && (0, util_1.alwaysValidSchema)(it, schema))
          return;
        const props = (0, code_1.allSchemaProperties)(parentSchema.properties);
        const patProps = (0, code_1.allSchemaProperties)(parentSchema.patternProperties);
        checkAdditionalProperties();
        cxt.ok((0, codegen_1._)`${errsCount} === ${names_1.default.errors}`);
        function checkAdditionalProperties() {
          gen.forIn("key", data, (key) => {
            if (!props.length && !patProps.length)
              additionalPropertyCode(key);
            else
              gen.if(isAdditional(key), () => additionalPropertyCode(key));
          });
        }
        function isAdditional(key) {
          let definedProp;
          if (props.length > 8) {
            const propsSchema = (0, util_1.schemaRefOrVal)(it, parentSchema.properties, "properties");
            definedProp = (0, code_1.isOwnProperty)(gen, propsSchema, key);
          } else if (props.length) {
            definedProp = (0, codegen_1.or)(...props.map((p) => (0, codegen_1._)`${key} === ${p}`));
          } else {
            definedProp = codegen_1.nil;
          }
          if (patProps.length) {
            definedProp = (0, codegen_1.or)(definedProp, ...patProps.map((p) => (0, codegen_1._)`${(0, code_1.usePattern)(cxt, p)}.test(${key})`));
          }
          return (0, codegen_1.not)(definedProp);
        }
        function deleteAdditional(key) {
          gen.code((0, codegen_1._)`delete ${data}[${key}]`);
        }
        function additionalPropertyCode(key) {
          if (opts.removeAdditional === "all" || opts.removeAdditional && schema === false) {
            deleteAdditional(key);
            return;
          }
          if (schema === false) {
            cxt.setParams({ additionalProperty: key });
            cxt.error();
            if (!allErrors)
              gen.break();
            return;
          }
          if (typeof schema == "object" && !(0, util_1.alwaysValidSchema)(it, schema)) {
            const valid = gen.name("valid");
            if (opts.removeAdditional === "failing") {
              applyAdditionalSchema(key, valid, false);
              gen.if((0, codegen_1.not)(valid), () => {
                cxt.reset();
                deleteAdditional(key);
              });
            } else {
              applyAdditionalSchema(key, valid);
              if (!allErrors)
                gen.if((0, codegen_1.not)(valid), () => gen.break());
            }
          }
        }
        function applyAdditionalSchema(key, valid, errors) {
          const subschema = {
            keyword: "additionalProperties",
            dataProp: key,
            dataPropType: util_1.Type.Str
          };
          if (errors === false) {
            Object.assign(subschema, {
              compositeRule: true,
              createErrors: false,
              allErrors: false
            });
          }
          cxt.subschema(subschema, valid);
        }
      }
    };
    exports.default = def;
  }
});

// node_modules/ajv/dist/vocabularies/applicator/properties.js
var require_properties = __commonJS({
  "node_modules/ajv/dist/vocabularies/applicator/properties.js"(exports) {
    "use strict";
    Object.defineProperty(exports, "__esModule", { value: true });
    var validate_1 = require_validate();
    var code_1 = require_code2();
    var util_1 = require_util();
    var additionalProperties_1 = require_additionalProperties();
    var def = {
      keyword: "properties",
      type: "object",
      schemaType: "object",
      code(cxt) {
        const { gen, schema, parentSchema, data, it } = cxt;
        if (it.opts.removeAdditional === "all" && parentSchema.additionalProperties === void 0) {
          additionalProperties_1.default.code(new validate_1.KeywordCxt(it, additionalProperties_1.default, "additionalProperties"));
        }
        const allProps = (0, code_1.allSchemaProperties)(schema);
        for (const prop of allProps) {
          it.definedProperties.add(prop);
        }
        if (it.opts.unevaluated && allProps.length && it.props !== true) {
          it.props = util_1.mergeEvaluated.props(gen, (0, util_1.toHash)(allProps), it.props);
        }
        const properties = allProps.filter((p) => !(0, util_1.alwaysValidSchema)(it, schema[p]));
        if (properties.length === 0)
          return;
        const valid = gen.name("valid");
        for (const prop of properties) {
          if (hasDefault(prop)) {
            applyPropertySchema(prop);
          } else {
            gen.if((0, code_1.propertyInData)(gen, data, prop, it.opts.ownProperties));
            applyPropertySchema(prop);
            if (!it.allErrors)
              gen.else().var(valid, true);
            gen.endIf();
          }
          cxt.it.definedProperties.add(prop);
          cxt.ok(valid);
        }
        function hasDefault(prop) {
          return it.opts.useDefaults && !it.compositeRule && schema[prop].default !== void 0;
        }
        function applyPropertySchema(prop) {
          cxt.subschema({
            keyword: "properties",
            schemaProp: prop,
            dataProp: prop
          }, valid);
        }
      }
    };
    exports.default = def;
  }
});

// node_modules/ajv/dist/vocabularies/applicator/patternProperties.js
var require_patternProperties = __commonJS({
  "node_modules/ajv/dist/vocabularies/applicator/patternProperties.js"(exports) {
    "use strict";
    Object.defineProperty(exports, "__esModule", { value: true });
    var code_1 = require_code2();
    var codegen_1 = require_codegen();
    var util_1 = require_util();
    var util_2 = require_util();
    var def = {
      keyword: "patternProperties",
      type: "object",
      schemaType: "object",
      code(cxt) {
        const { gen, schema, data, parentSchema, it } = cxt;
        const { opts } = it;
        const patterns = (0, code_1.allSchemaProperties)(schema);
        const alwaysValidPatterns = patterns.filter((p) => (0, util_1.alwaysValidSchema)(it, schema[p]));
        if (patterns.length === 0 || alwaysValidPatterns.length === patterns.length && (!it.opts.unevaluated || it.props === true)) {
          return;
        }
        const checkProperties = opts.strictSchema && !opts.allowMatchingProperties && parentSchema.properties;
        const valid = gen.name("valid");
        if (it.props !== true && !(it.props instanceof codegen_1.Name)) {
          it.props = (0, util_2.evaluatedPropsToName)(gen, it.props);
        }
        const { props } = it;
        validatePatternProperties();
        function validatePatternProperties() {
          for (const pat of patterns) {
            if (checkProperties)
              checkMatchingProperties(pat);
            if (it.allErrors) {
              validateProperties(pat);
            } else {
              gen.var(valid, true);
              validateProperties(pat);
              gen.if(valid);
            }
          }
        }
        function checkMatchingProperties(pat) {
          for (const prop in checkProperties) {
            if (new RegExp(pat).test(prop)) {
              (0, util_1.checkStrictMode)(it, `property ${prop} matches pattern ${pat} (use allowMatchingProperties)`);
            }
          }
        }
        function validateProperties(pat) {
          gen.forIn("key", data, (key) => {
            gen.if((0, codegen_1._)`${(0, code_1.usePattern)(cxt, pat)}.test(${key})`, () => {
              const alwaysValid = alwaysValidPatterns.includes(pat);
              if (!alwaysValid) {
                cxt.subschema({
                  keyword: "patternProperties",
                  schemaProp: pat,
                  dataProp: key,
                  dataPropType: util_2.Type.Str
                }, valid);
              }
              if (it.opts.unevaluated && props !== true) {
                gen.assign((0, codegen_1._)`${props}[${key}]`, true);
              } else if (!alwaysValid && !it.allErrors) {
                gen.if((0, codegen_1.not)(valid), () => gen.break());
              }
            });
          });
        }
      }
    };
    exports.default = def;
  }
});

// node_modules/ajv/dist/vocabularies/applicator/not.js
var require_not = __commonJS({
  "node_modules/ajv/dist/vocabularies/applicator/not.js"(exports) {
    "use strict";
    Object.defineProperty(exports, "__esModule", { value: true });
    var util_1 = require_util();
    var def = {
      keyword: "not",
      schemaType: ["object", "boolean"],
      trackErrors: true,
      code(cxt) {
        const { gen, schema, it } = cxt;
        if ((0, util_1.alwaysValidSchema)(it, schema)) {
          cxt.fail();
          return;
        }
        const valid = gen.name("valid");
        cxt.subschema({
          keyword: "not",
          compositeRule: true,
          createErrors: false,
          allErrors: false
        }, valid);
        cxt.failResult(valid, () => cxt.reset(), () => cxt.error());
      },
      error: { message: "must NOT be valid" }
    };
    exports.default = def;
  }
});

// node_modules/ajv/dist/vocabularies/applicator/anyOf.js
var require_anyOf = __commonJS({
  "node_modules/ajv/dist/vocabularies/applicator/anyOf.js"(exports) {
    "use strict";
    Object.defineProperty(exports, "__esModule", { value: true });
    var code_1 = require_code2();
    var def = {
      keyword: "anyOf",
      schemaType: "array",
      trackErrors: true,
      code: code_1.validateUnion,
      error: { message: "must match a schema in anyOf" }
    };
    exports.default = def;
  }
});

// node_modules/ajv/dist/vocabularies/applicator/oneOf.js
var require_oneOf = __commonJS({
  "node_modules/ajv/dist/vocabularies/applicator/oneOf.js"(exports) {
    "use strict";
    Object.defineProperty(exports, "__esModule", { value: true });
    var codegen_1 = require_codegen();
    var util_1 = require_util();
    var error2 = {
      message: "must match exactly one schema in oneOf",
      params: ({ params }) => (0, codegen_1._)`{passingSchemas: ${params.passing}}`
    };
    var def = {
      keyword: "oneOf",
      schemaType: "array",
      trackErrors: true,
      error: error2,
      code(cxt) {
        const { gen, schema, parentSchema, it } = cxt;
        if (!Array.isArray(schema))
          throw new Error("ajv implementation error");
        if (it.opts.discriminator && parentSchema.discriminator)
          return;
        const schArr = schema;
        const valid = gen.let("valid", false);
        const passing = gen.let("passing", null);
        const schValid = gen.name("_valid");
        cxt.setParams({ passing });
        gen.block(validateOneOf);
        cxt.result(valid, () => cxt.reset(), () => cxt.error(true));
        function validateOneOf() {
          schArr.forEach((sch, i) => {
            let schCxt;
            if ((0, util_1.alwaysValidSchema)(it, sch)) {
              gen.var(schValid, true);
            } else {
              schCxt = cxt.subschema({
                keyword: "oneOf",
                schemaProp: i,
                compositeRule: true
              }, schValid);
            }
            if (i > 0) {
              gen.if((0, codegen_1._)`${schValid} && ${valid}`).assign(valid, false).assign(passing, (0, codegen_1._)`[${passing}, ${i}]`).else();
            }
            gen.if(schValid, () => {
              gen.assign(valid, true);
              gen.assign(passing, i);
              if (schCxt)
                cxt.mergeEvaluated(schCxt, codegen_1.Name);
            });
          });
        }
      }
    };
    exports.default = def;
  }
});

// node_modules/ajv/dist/vocabularies/applicator/allOf.js
var require_allOf = __commonJS({
  "node_modules/ajv/dist/vocabularies/applicator/allOf.js"(exports) {
    "use strict";
    Object.defineProperty(exports, "__esModule", { value: true });
    var util_1 = require_util();
    var def = {
      keyword: "allOf",
      schemaType: "array",
      code(cxt) {
        const { gen, schema, it } = cxt;
        if (!Array.isArray(schema))
          throw new Error("ajv implementation error");
        const valid = gen.name("valid");
        schema.forEach((sch, i) => {
          if ((0, util_1.alwaysValidSchema)(it, sch))
            return;
          const schCxt = cxt.subschema({ keyword: "allOf", schemaProp: i }, valid);
          cxt.ok(valid);
          cxt.mergeEvaluated(schCxt);
        });
      }
    };
    exports.default = def;
  }
});

// node_modules/ajv/dist/vocabularies/applicator/if.js
var require_if = __commonJS({
  "node_modules/ajv/dist/vocabularies/applicator/if.js"(exports) {
    "use strict";
    Object.defineProperty(exports, "__esModule", { value: true });
    var codegen_1 = require_codegen();
    var util_1 = require_util();
    var error2 = {
      message: ({ params }) => (0, codegen_1.str)`must match "${params.ifClause}" schema`,
      params: ({ params }) => (0, codegen_1._)`{failingKeyword: ${params.ifClause}}`
    };
    var def = {
      keyword: "if",
      schemaType: ["object", "boolean"],
      trackErrors: true,
      error: error2,
      code(cxt) {
        const { gen, parentSchema, it } = cxt;
        if (parentSchema.then === void 0 && parentSchema.else === void 0) {
          (0, util_1.checkStrictMode)(it, '"if" without "then" and "else" is ignored');
        }
        const hasThen = hasSchema(it, "then");
        const hasElse = hasSchema(it, "else");
        if (!hasThen && !hasElse)
          return;
        const valid = gen.let("valid", true);
        const schValid = gen.name("_valid");
        validateIf();
        cxt.reset();
        if (hasThen && hasElse) {
          const ifClause = gen.let("ifClause");
          cxt.setParams({ ifClause });
          gen.if(schValid, validateClause("then", ifClause), validateClause("else", ifClause));
        } else if (hasThen) {
          gen.if(schValid, validateClause("then"));
        } else {
          gen.if((0, codegen_1.not)(schValid), validateClause("else"));
        }
        cxt.pass(valid, () => cxt.error(true));
        function validateIf() {
          const schCxt = cxt.subschema({
            keyword: "if",
            compositeRule: true,
            createErrors: false,
            allErrors: false
          }, schValid);
          cxt.mergeEvaluated(schCxt);
        }
        function validateClause(keyword, ifClause) {
          return () => {
            const schCxt = cxt.subschema({ keyword }, schValid);
            gen.assign(valid, schValid);
            cxt.mergeValidEvaluated(schCxt, valid);
            if (ifClause)
              gen.assign(ifClause, (0, codegen_1._)`${keyword}`);
            else
              cxt.setParams({ ifClause: keyword });
          };
        }
      }
    };
    function hasSchema(it, keyword) {
      const schema = it.schema[keyword];
      return schema !== void 0 && !(0, util_1.alwaysValidSchema)(it, schema);
    }
    exports.default = def;
  }
});

// node_modules/ajv/dist/vocabularies/applicator/thenElse.js
var require_thenElse = __commonJS({
  "node_modules/ajv/dist/vocabularies/applicator/thenElse.js"(exports) {
    "use strict";
    Object.defineProperty(exports, "__esModule", { value: true });
    var util_1 = require_util();
    var def = {
      keyword: ["then", "else"],
      schemaType: ["object", "boolean"],
      code({ keyword, parentSchema, it }) {
        if (parentSchema.if === void 0)
          (0, util_1.checkStrictMode)(it, `"${keyword}" without "if" is ignored`);
      }
    };
    exports.default = def;
  }
});

// node_modules/ajv/dist/vocabularies/applicator/index.js
var require_applicator = __commonJS({
  "node_modules/ajv/dist/vocabularies/applicator/index.js"(exports) {
    "use strict";
    Object.defineProperty(exports, "__esModule", { value: true });
    var additionalItems_1 = require_additionalItems();
    var prefixItems_1 = require_prefixItems();
    var items_1 = require_items();
    var items2020_1 = require_items2020();
    var contains_1 = require_contains();
    var dependencies_1 = require_dependencies();
    var propertyNames_1 = require_propertyNames();
    var additionalProperties_1 = require_additionalProperties();
    var properties_1 = require_properties();
    var patternProperties_1 = require_patternProperties();
    var not_1 = require_not();
    var anyOf_1 = require_anyOf();
    var oneOf_1 = require_oneOf();
    var allOf_1 = require_allOf();
    var if_1 = require_if();
    var thenElse_1 = require_thenElse();
    function getApplicator(draft2020 = false) {
      const applicator = [
        // any
        not_1.default,
        anyOf_1.default,
        oneOf_1.default,
        allOf_1.default,
        if_1.default,
        thenElse_1.default,
        // object
        propertyNames_1.default,
        additionalProperties_1.default,
        dependencies_1.default,
        properties_1.default,
        patternProperties_1.default
      ];
      if (draft2020)
        applicator.push(prefixItems_1.default, items2020_1.default);
      else
        applicator.push(additionalItems_1.default, items_1.default);
      applicator.push(contains_1.default);
      return applicator;
    }
    exports.default = getApplicator;
  }
});

// node_modules/ajv/dist/vocabularies/format/format.js
var require_format = __commonJS({
  "node_modules/ajv/dist/vocabularies/format/format.js"(exports) {
    "use strict";
    Object.defineProperty(exports, "__esModule", { value: true });
    var codegen_1 = require_codegen();
    var error2 = {
      message: ({ schemaCode }) => (0, codegen_1.str)`must match format "${schemaCode}"`,
      params: ({ schemaCode }) => (0, codegen_1._)`{format: ${schemaCode}}`
    };
    var def = {
      keyword: "format",
      type: ["number", "string"],
      schemaType: "string",
      $data: true,
      error: error2,
      code(cxt, ruleType) {
        const { gen, data, $data, schema, schemaCode, it } = cxt;
        const { opts, errSchemaPath, schemaEnv, self } = it;
        if (!opts.validateFormats)
          return;
        if ($data)
          validate$DataFormat();
        else
          validateFormat();
        function validate$DataFormat() {
          const fmts = gen.scopeValue("formats", {
            ref: self.formats,
            code: opts.code.formats
          });
          const fDef = gen.const("fDef", (0, codegen_1._)`${fmts}[${schemaCode}]`);
          const fType = gen.let("fType");
          const format = gen.let("format");
          gen.if((0, codegen_1._)`typeof ${fDef} == "object" && !(${fDef} instanceof RegExp)`, () => gen.assign(fType, (0, codegen_1._)`${fDef}.type || "string"`).assign(format, (0, codegen_1._)`${fDef}.validate`), () => gen.assign(fType, (0, codegen_1._)`"string"`).assign(format, fDef));
          cxt.fail$data((0, codegen_1.or)(unknownFmt(), invalidFmt()));
          function unknownFmt() {
            if (opts.strictSchema === false)
              return codegen_1.nil;
            return (0, codegen_1._)`${schemaCode} && !${format}`;
          }
          function invalidFmt() {
            const callFormat = schemaEnv.$async ? (0, codegen_1._)`(${fDef}.async ? await ${format}(${data}) : ${format}(${data}))` : (0, codegen_1._)`${format}(${data})`;
            const validData = (0, codegen_1._)`(typeof ${format} == "function" ? ${callFormat} : ${format}.test(${data}))`;
            return (0, codegen_1._)`${format} && ${format} !== true && ${fType} === ${ruleType} && !${validData}`;
          }
        }
        function validateFormat() {
          const formatDef = self.formats[schema];
          if (!formatDef) {
            unknownFormat();
            return;
          }
          if (formatDef === true)
            return;
          const [fmtType, format, fmtRef] = getFormat(formatDef);
          if (fmtType === ruleType)
            cxt.pass(validCondition());
          function unknownFormat() {
            if (opts.strictSchema === false) {
              self.logger.warn(unknownMsg());
              return;
            }
            throw new Error(unknownMsg());
            function unknownMsg() {
              return `unknown format "${schema}" ignored in schema at path "${errSchemaPath}"`;
            }
          }
          function getFormat(fmtDef) {
            const code = fmtDef instanceof RegExp ? (0, codegen_1.regexpCode)(fmtDef) : opts.code.formats ? (0, codegen_1._)`${opts.code.formats}${(0, codegen_1.getProperty)(schema)}` : void 0;
            const fmt = gen.scopeValue("formats", { key: schema, ref: fmtDef, code });
            if (typeof fmtDef == "object" && !(fmtDef instanceof RegExp)) {
              return [fmtDef.type || "string", fmtDef.validate, (0, codegen_1._)`${fmt}.validate`];
            }
            return ["string", fmtDef, fmt];
          }
          function validCondition() {
            if (typeof formatDef == "object" && !(formatDef instanceof RegExp) && formatDef.async) {
              if (!schemaEnv.$async)
                throw new Error("async format in sync schema");
              return (0, codegen_1._)`await ${fmtRef}(${data})`;
            }
            return typeof format == "function" ? (0, codegen_1._)`${fmtRef}(${data})` : (0, codegen_1._)`${fmtRef}.test(${data})`;
          }
        }
      }
    };
    exports.default = def;
  }
});

// node_modules/ajv/dist/vocabularies/format/index.js
var require_format2 = __commonJS({
  "node_modules/ajv/dist/vocabularies/format/index.js"(exports) {
    "use strict";
    Object.defineProperty(exports, "__esModule", { value: true });
    var format_1 = require_format();
    var format = [format_1.default];
    exports.default = format;
  }
});

// node_modules/ajv/dist/vocabularies/metadata.js
var require_metadata = __commonJS({
  "node_modules/ajv/dist/vocabularies/metadata.js"(exports) {
    "use strict";
    Object.defineProperty(exports, "__esModule", { value: true });
    exports.contentVocabulary = exports.metadataVocabulary = void 0;
    exports.metadataVocabulary = [
      "title",
      "description",
      "default",
      "deprecated",
      "readOnly",
      "writeOnly",
      "examples"
    ];
    exports.contentVocabulary = [
      "contentMediaType",
      "contentEncoding",
      "contentSchema"
    ];
  }
});

// node_modules/ajv/dist/vocabularies/draft7.js
var require_draft7 = __commonJS({
  "node_modules/ajv/dist/vocabularies/draft7.js"(exports) {
    "use strict";
    Object.defineProperty(exports, "__esModule", { value: true });
    var core_1 = require_core2();
    var validation_1 = require_validation();
    var applicator_1 = require_applicator();
    var format_1 = require_format2();
    var metadata_1 = require_metadata();
    var draft7Vocabularies = [
      core_1.default,
      validation_1.default,
      (0, applicator_1.default)(),
      format_1.default,
      metadata_1.metadataVocabulary,
      metadata_1.contentVocabulary
    ];
    exports.default = draft7Vocabularies;
  }
});

// node_modules/ajv/dist/vocabularies/discriminator/types.js
var require_types = __commonJS({
  "node_modules/ajv/dist/vocabularies/discriminator/types.js"(exports) {
    "use strict";
    Object.defineProperty(exports, "__esModule", { value: true });
    exports.DiscrError = void 0;
    var DiscrError;
    (function(DiscrError2) {
      DiscrError2["Tag"] = "tag";
      DiscrError2["Mapping"] = "mapping";
    })(DiscrError || (exports.DiscrError = DiscrError = {}));
  }
});

// node_modules/ajv/dist/vocabularies/discriminator/index.js
var require_discriminator = __commonJS({
  "node_modules/ajv/dist/vocabularies/discriminator/index.js"(exports) {
    "use strict";
    Object.defineProperty(exports, "__esModule", { value: true });
    var codegen_1 = require_codegen();
    var types_1 = require_types();
    var compile_1 = require_compile();
    var ref_error_1 = require_ref_error();
    var util_1 = require_util();
    var error2 = {
      message: ({ params: { discrError, tagName } }) => discrError === types_1.DiscrError.Tag ? `tag "${tagName}" must be string` : `value of tag "${tagName}" must be in oneOf`,
      params: ({ params: { discrError, tag, tagName } }) => (0, codegen_1._)`{error: ${discrError}, tag: ${tagName}, tagValue: ${tag}}`
    };
    var def = {
      keyword: "discriminator",
      type: "object",
      schemaType: "object",
      error: error2,
      code(cxt) {
        const { gen, data, schema, parentSchema, it } = cxt;
        const { oneOf } = parentSchema;
        if (!it.opts.discriminator) {
          throw new Error("discriminator: requires discriminator option");
        }
        const tagName = schema.propertyName;
        if (typeof tagName != "string")
          throw new Error("discriminator: requires propertyName");
        if (schema.mapping)
          throw new Error("discriminator: mapping is not supported");
        if (!oneOf)
          throw new Error("discriminator: requires oneOf keyword");
        const valid = gen.let("valid", false);
        const tag = gen.const("tag", (0, codegen_1._)`${data}${(0, codegen_1.getProperty)(tagName)}`);
        gen.if((0, codegen_1._)`typeof ${tag} == "string"`, () => validateMapping(), () => cxt.error(false, { discrError: types_1.DiscrError.Tag, tag, tagName }));
        cxt.ok(valid);
        function validateMapping() {
          const mapping = getMapping();
          gen.if(false);
          for (const tagValue in mapping) {
            gen.elseIf((0, codegen_1._)`${tag} === ${tagValue}`);
            gen.assign(valid, applyTagSchema(mapping[tagValue]));
          }
          gen.else();
          cxt.error(false, { discrError: types_1.DiscrError.Mapping, tag, tagName });
          gen.endIf();
        }
        function applyTagSchema(schemaProp) {
          const _valid = gen.name("valid");
          const schCxt = cxt.subschema({ keyword: "oneOf", schemaProp }, _valid);
          cxt.mergeEvaluated(schCxt, codegen_1.Name);
          return _valid;
        }
        function getMapping() {
          var _a;
          const oneOfMapping = {};
          const topRequired = hasRequired(parentSchema);
          let tagRequired = true;
          for (let i = 0; i < oneOf.length; i++) {
            let sch = oneOf[i];
            if ((sch === null || sch === void 0 ? void 0 : sch.$ref) && !(0, util_1.schemaHasRulesButRef)(sch, it.self.RULES)) {
              const ref = sch.$ref;
              sch = compile_1.resolveRef.call(it.self, it.schemaEnv.root, it.baseId, ref);
              if (sch instanceof compile_1.SchemaEnv)
                sch = sch.schema;
              if (sch === void 0)
                throw new ref_error_1.default(it.opts.uriResolver, it.baseId, ref);
            }
            const propSch = (_a = sch === null || sch === void 0 ? void 0 : sch.properties) === null || _a === void 0 ? void 0 : _a[tagName];
            if (typeof propSch != "object") {
              throw new Error(`discriminator: oneOf subschemas (or referenced schemas) must have "properties/${tagName}"`);
            }
            tagRequired = tagRequired && (topRequired || hasRequired(sch));
            addMappings(propSch, i);
          }
          if (!tagRequired)
            throw new Error(`discriminator: "${tagName}" must be required`);
          return oneOfMapping;
          function hasRequired({ required }) {
            return Array.isArray(required) && required.includes(tagName);
          }
          function addMappings(sch, i) {
            if (sch.const) {
              addMapping(sch.const, i);
            } else if (sch.enum) {
              for (const tagValue of sch.enum) {
                addMapping(tagValue, i);
              }
            } else {
              throw new Error(`discriminator: "properties/${tagName}" must have "const" or "enum"`);
            }
          }
          function addMapping(tagValue, i) {
            if (typeof tagValue != "string" || tagValue in oneOfMapping) {
              throw new Error(`discriminator: "${tagName}" values must be unique strings`);
            }
            oneOfMapping[tagValue] = i;
          }
        }
      }
    };
    exports.default = def;
  }
});

// node_modules/ajv/dist/refs/json-schema-draft-07.json
var require_json_schema_draft_07 = __commonJS({
  "node_modules/ajv/dist/refs/json-schema-draft-07.json"(exports, module) {
    module.exports = {
      $schema: "http://json-schema.org/draft-07/schema#",
      $id: "http://json-schema.org/draft-07/schema#",
      title: "Core schema meta-schema",
      definitions: {
        schemaArray: {
          type: "array",
          minItems: 1,
          items: { $ref: "#" }
        },
        nonNegativeInteger: {
          type: "integer",
          minimum: 0
        },
        nonNegativeIntegerDefault0: {
          allOf: [{ $ref: "#/definitions/nonNegativeInteger" }, { default: 0 }]
        },
        simpleTypes: {
          enum: ["array", "boolean", "integer", "null", "number", "object", "string"]
        },
        stringArray: {
          type: "array",
          items: { type: "string" },
          uniqueItems: true,
          default: []
        }
      },
      type: ["object", "boolean"],
      properties: {
        $id: {
          type: "string",
          format: "uri-reference"
        },
        $schema: {
          type: "string",
          format: "uri"
        },
        $ref: {
          type: "string",
          format: "uri-reference"
        },
        $comment: {
          type: "string"
        },
        title: {
          type: "string"
        },
        description: {
          type: "string"
        },
        default: true,
        readOnly: {
          type: "boolean",
          default: false
        },
        examples: {
          type: "array",
          items: true
        },
        multipleOf: {
          type: "number",
          exclusiveMinimum: 0
        },
        maximum: {
          type: "number"
        },
        exclusiveMaximum: {
          type: "number"
        },
        minimum: {
          type: "number"
        },
        exclusiveMinimum: {
          type: "number"
        },
        maxLength: { $ref: "#/definitions/nonNegativeInteger" },
        minLength: { $ref: "#/definitions/nonNegativeIntegerDefault0" },
        pattern: {
          type: "string",
          format: "regex"
        },
        additionalItems: { $ref: "#" },
        items: {
          anyOf: [{ $ref: "#" }, { $ref: "#/definitions/schemaArray" }],
          default: true
        },
        maxItems: { $ref: "#/definitions/nonNegativeInteger" },
        minItems: { $ref: "#/definitions/nonNegativeIntegerDefault0" },
        uniqueItems: {
          type: "boolean",
          default: false
        },
        contains: { $ref: "#" },
        maxProperties: { $ref: "#/definitions/nonNegativeInteger" },
        minProperties: { $ref: "#/definitions/nonNegativeIntegerDefault0" },
        required: { $ref: "#/definitions/stringArray" },
        additionalProperties: { $ref: "#" },
        definitions: {
          type: "object",
          additionalProperties: { $ref: "#" },
          default: {}
        },
        properties: {
          type: "object",
          additionalProperties: { $ref: "#" },
          default: {}
        },
        patternProperties: {
          type: "object",
          additionalProperties: { $ref: "#" },
          propertyNames: { format: "regex" },
          default: {}
        },
        dependencies: {
          type: "object",
          additionalProperties: {
            anyOf: [{ $ref: "#" }, { $ref: "#/definitions/stringArray" }]
          }
        },
        propertyNames: { $ref: "#" },
        const: true,
        enum: {
          type: "array",
          items: true,
          minItems: 1,
          uniqueItems: true
        },
        type: {
          anyOf: [
            { $ref: "#/definitions/simpleTypes" },
            {
              type: "array",
              items: { $ref: "#/definitions/simpleTypes" },
              minItems: 1,
              uniqueItems: true
            }
          ]
        },
        format: { type: "string" },
        contentMediaType: { type: "string" },
        contentEncoding: { type: "string" },
        if: { $ref: "#" },
        then: { $ref: "#" },
        else: { $ref: "#" },
        allOf: { $ref: "#/definitions/schemaArray" },
        anyOf: { $ref: "#/definitions/schemaArray" },
        oneOf: { $ref: "#/definitions/schemaArray" },
        not: { $ref: "#" }
      },
      default: true
    };
  }
});

// node_modules/ajv/dist/ajv.js
var require_ajv = __commonJS({
  "node_modules/ajv/dist/ajv.js"(exports, module) {
    "use strict";
    Object.defineProperty(exports, "__esModule", { value: true });
    exports.MissingRefError = exports.ValidationError = exports.CodeGen = exports.Name = exports.nil = exports.stringify = exports.str = exports._ = exports.KeywordCxt = exports.Ajv = void 0;
    var core_1 = require_core();
    var draft7_1 = require_draft7();
    var discriminator_1 = require_discriminator();
    var draft7MetaSchema = require_json_schema_draft_07();
    var META_SUPPORT_DATA = ["/properties"];
    var META_SCHEMA_ID = "http://json-schema.org/draft-07/schema";
    var Ajv2 = class extends core_1.default {
      _addVocabularies() {
        super._addVocabularies();
        draft7_1.default.forEach((v) => this.addVocabulary(v));
        if (this.opts.discriminator)
          this.addKeyword(discriminator_1.default);
      }
      _addDefaultMetaSchema() {
        super._addDefaultMetaSchema();
        if (!this.opts.meta)
          return;
        const metaSchema = this.opts.$data ? this.$dataMetaSchema(draft7MetaSchema, META_SUPPORT_DATA) : draft7MetaSchema;
        this.addMetaSchema(metaSchema, META_SCHEMA_ID, false);
        this.refs["http://json-schema.org/schema"] = META_SCHEMA_ID;
      }
      defaultMeta() {
        return this.opts.defaultMeta = super.defaultMeta() || (this.getSchema(META_SCHEMA_ID) ? META_SCHEMA_ID : void 0);
      }
    };
    exports.Ajv = Ajv2;
    module.exports = exports = Ajv2;
    module.exports.Ajv = Ajv2;
    Object.defineProperty(exports, "__esModule", { value: true });
    exports.default = Ajv2;
    var validate_1 = require_validate();
    Object.defineProperty(exports, "KeywordCxt", { enumerable: true, get: function() {
      return validate_1.KeywordCxt;
    } });
    var codegen_1 = require_codegen();
    Object.defineProperty(exports, "_", { enumerable: true, get: function() {
      return codegen_1._;
    } });
    Object.defineProperty(exports, "str", { enumerable: true, get: function() {
      return codegen_1.str;
    } });
    Object.defineProperty(exports, "stringify", { enumerable: true, get: function() {
      return codegen_1.stringify;
    } });
    Object.defineProperty(exports, "nil", { enumerable: true, get: function() {
      return codegen_1.nil;
    } });
    Object.defineProperty(exports, "Name", { enumerable: true, get: function() {
      return codegen_1.Name;
    } });
    Object.defineProperty(exports, "CodeGen", { enumerable: true, get: function() {
      return codegen_1.CodeGen;
    } });
    var validation_error_1 = require_validation_error();
    Object.defineProperty(exports, "ValidationError", { enumerable: true, get: function() {
      return validation_error_1.default;
    } });
    var ref_error_1 = require_ref_error();
    Object.defineProperty(exports, "MissingRefError", { enumerable: true, get: function() {
      return ref_error_1.default;
    } });
  }
});

// actions/promote/src/main.ts
import { createHash as createHash3 } from "node:crypto";
import { existsSync } from "node:fs";
import { readFile as readFile5 } from "node:fs/promises";
import path10 from "node:path";

// shared/src/errors.ts
var ReportedFailure = class extends Error {
  /** `position`: the file (relative to the workspace) and line the failure is about, which the run wrapper annotates. */
  constructor(message, position) {
    super(message);
    this.position = position;
  }
  position;
  /** The process exit code. */
  exitCode = 1;
};
var ConfigurationError = class extends ReportedFailure {
  name = "ConfigurationError";
};
var ServiceError = class extends ReportedFailure {
  name = "ServiceError";
};
var VerdictFailure = class extends ReportedFailure {
  name = "VerdictFailure";
};
function quote(value) {
  const text = typeof value === "string" ? value : String(value);
  const shown = text.length > 200 ? `${text.slice(0, 200)}…` : text;
  return JSON.stringify(shown);
}

// shared/src/files/paths.ts
import path from "node:path";
function toPosixPath(p) {
  return p.split(path.sep).join("/");
}
function relativePath(from, to) {
  return toPosixPath(path.relative(from, to)) || ".";
}

// shared/src/gate-report.ts
import { readFile } from "node:fs/promises";

// shared/schemas/gate-report.schema.json
var gate_report_schema_default = {
  $schema: "http://json-schema.org/draft-07/schema#",
  $id: "https://github.com/mlops-actions/mlops-actions/shared/schemas/gate-report.schema.json",
  title: "mlops-actions gate report (gate.json)",
  description: "What evaluate-gate decided about a candidate model, bound to the candidate's model digest: the overall result, every metric and slice compared (baseline, candidate, change, interval, rule, verdict), where the baseline came from, and notes. promote reads only schemaVersion, passed, verdict, model and candidate, and promotes only the model with that digest, only when the gate passed. Every object accepts fields it does not name, so readers keep working when the gate adds to it; evaluate-gate writes every field named here.",
  type: "object",
  required: [
    "schemaVersion",
    "passed",
    "verdict",
    "candidate"
  ],
  properties: {
    schemaVersion: {
      const: 1
    },
    passed: {
      type: "boolean",
      description: "True when the candidate passed the gate's policy."
    },
    verdict: {
      type: "string",
      minLength: 1,
      description: "The gate's verdict in one word: `improved`, `unchanged`, `within-noise`, `no-baseline` when it passed, `failed` when any rule failed (readers should decide on `passed`, not on this)."
    },
    model: {
      type: "string",
      minLength: 1,
      description: "The registered model name the candidate was gated for (optional)."
    },
    candidate: {
      type: "object",
      required: [
        "modelDigest",
        "runId"
      ],
      properties: {
        modelDigest: {
          anyOf: [
            {
              type: "string",
              pattern: "^sha256:[0-9a-f]{64}$"
            },
            {
              type: "null"
            }
          ],
          description: "sha256 of the candidate's model artifact, as in run.json; null when the candidate was a bare metrics file (such a gate cannot be promoted)."
        },
        runId: {
          anyOf: [
            {
              type: "string",
              minLength: 1
            },
            {
              type: "null"
            }
          ],
          description: "The run id of the candidate's training run record; null when the candidate was a bare metrics file."
        },
        testSetDigest: {
          anyOf: [
            {
              type: "string",
              pattern: "^sha256:[0-9a-f]{64}$"
            },
            {
              type: "null"
            }
          ],
          description: "sha256 of the test set the candidate was measured on; null (or absent) when the gate does not know it. promote records it in the registry payload."
        },
        location: {
          type: "string",
          description: "The run record or metrics file the candidate's numbers were read from, as the user gave it."
        }
      },
      description: "The model the gate judged."
    },
    baseline: {
      $ref: "#/definitions/baseline"
    },
    comparison: {
      type: "string",
      enum: [
        "intervals",
        "point-estimates",
        "bounds-only"
      ],
      description: "How the comparison was made: on paired intervals from predictions, on point estimates, or on the absolute bounds only (no baseline, or one measured on another test set)."
    },
    metrics: {
      type: "array",
      items: {
        $ref: "#/definitions/metricComparison"
      },
      description: "One row per metric of the policy on the whole test set, then one per slice, in the policy's order."
    },
    notes: {
      type: "array",
      items: {
        type: "string"
      },
      description: "Plain sentences the report shows above the table: why no interval was possible, a baseline on another test set, skipped or too-small slices."
    },
    validation: {
      anyOf: [
        {
          $ref: "#/definitions/validation"
        },
        {
          type: "null"
        }
      ],
      description: "A short account of validate-data's validation.json, when the gate was given one; else null."
    },
    commit: {
      anyOf: [
        {
          type: "string"
        },
        {
          type: "null"
        }
      ],
      description: "The commit the candidate was built from (the pull request's head), so a run for an older commit never overwrites a newer result; null off a pull request."
    },
    createdAt: {
      type: "string",
      description: "When the gate decided, in ISO 8601 (UTC), e.g. 2024-06-07T12:00:00.000Z."
    }
  },
  definitions: {
    number: {
      anyOf: [
        {
          type: "number"
        },
        {
          type: "null"
        }
      ]
    },
    direction: {
      type: "string",
      enum: [
        "higher",
        "lower"
      ],
      description: "Which way is better for the metric."
    },
    metricVerdict: {
      type: "string",
      enum: [
        "improved",
        "unchanged",
        "within-noise",
        "regressed",
        "no-baseline",
        "missing"
      ],
      description: "`improved`: better by more than the noise (and by min-improvement when asked); `unchanged`: no change; `within-noise`: the change could be noise, or is a regression within the allowed one; `regressed`: worse than allowed; `no-baseline`: nothing comparable, only the bounds were checked; `missing`: the candidate lacks the metric or slice (fails)."
    },
    slice: {
      type: "object",
      required: [
        "column",
        "value",
        "rows"
      ],
      description: "A slice of the test set: the rows whose column equals value (`*` when the predictions lack the column).",
      properties: {
        column: {
          type: "string",
          description: "The slice column of the predictions file."
        },
        value: {
          type: "string",
          description: "The column's value, as text."
        },
        rows: {
          type: "integer",
          minimum: 0,
          description: "The slice's rows (0 when the candidate lacks it)."
        }
      }
    },
    interval: {
      type: "object",
      required: [
        "method",
        "level",
        "low",
        "high",
        "resamples",
        "seed"
      ],
      description: "The percentile interval of (candidate − baseline) from a paired bootstrap on the same rows.",
      properties: {
        method: {
          const: "paired-bootstrap",
          description: "How the interval was computed."
        },
        level: {
          type: "number",
          exclusiveMinimum: 0,
          exclusiveMaximum: 1,
          description: "Confidence level, e.g. 0.95."
        },
        low: {
          type: "number",
          description: "Lower end of the interval of candidate − baseline."
        },
        high: {
          type: "number",
          description: "Upper end of the interval of candidate − baseline."
        },
        resamples: {
          type: "integer",
          minimum: 1,
          description: "Bootstrap resamples."
        },
        seed: {
          type: "integer",
          description: "Seed of the resampling."
        }
      }
    },
    mcnemar: {
      type: "object",
      required: [
        "pValue",
        "candidateOnlyCorrect",
        "baselineOnlyCorrect"
      ],
      description: "McNemar's exact test on the discordant pairs (accuracy).",
      properties: {
        pValue: {
          type: "number",
          minimum: 0,
          maximum: 1,
          description: "Two-sided exact p-value."
        },
        candidateOnlyCorrect: {
          type: "integer",
          minimum: 0,
          description: "Rows the candidate got right and the baseline wrong."
        },
        baselineOnlyCorrect: {
          type: "integer",
          minimum: 0,
          description: "Rows the baseline got right and the candidate wrong."
        }
      }
    },
    metricComparison: {
      type: "object",
      required: [
        "metric",
        "slice",
        "direction",
        "candidate",
        "baseline",
        "change",
        "interval",
        "mcnemar",
        "mde",
        "rule",
        "verdict",
        "passed",
        "reasons"
      ],
      description: "One row of the comparison: one metric on the whole test set or on one slice.",
      properties: {
        metric: {
          type: "string",
          minLength: 1,
          description: "The metric's name, as in the policy and the metrics file."
        },
        slice: {
          anyOf: [
            {
              $ref: "#/definitions/slice"
            },
            {
              type: "null"
            }
          ],
          description: "The slice, or null for the whole test set."
        },
        direction: {
          $ref: "#/definitions/direction"
        },
        candidate: {
          $ref: "#/definitions/number",
          description: "The candidate's value; null when it lacks the metric."
        },
        baseline: {
          $ref: "#/definitions/number",
          description: "The baseline's value; null when there is none."
        },
        change: {
          anyOf: [
            {
              type: "object",
              required: [
                "absolute",
                "relative"
              ],
              properties: {
                absolute: {
                  type: "number",
                  description: "candidate − baseline."
                },
                relative: {
                  $ref: "#/definitions/number",
                  description: "(candidate − baseline) / |baseline|; null when the baseline is 0."
                }
              }
            },
            {
              type: "null"
            }
          ],
          description: "The change against the baseline; null when either value is missing."
        },
        interval: {
          anyOf: [
            {
              $ref: "#/definitions/interval"
            },
            {
              type: "null"
            }
          ],
          description: "The paired interval of the change, when predictions of both models were given."
        },
        mcnemar: {
          anyOf: [
            {
              $ref: "#/definitions/mcnemar"
            },
            {
              type: "null"
            }
          ],
          description: "McNemar's test, for accuracy with predictions."
        },
        mde: {
          $ref: "#/definitions/number",
          description: "The minimum detectable effect at this test-set size (≈ 2.80 × the standard error of the difference), with predictions."
        },
        rule: {
          type: "string",
          description: "The policy's rule for this row in words, e.g. `≥ 0.9; regression ≤ 0.01 and ≤ 2 %`."
        },
        verdict: {
          $ref: "#/definitions/metricVerdict"
        },
        passed: {
          type: "boolean",
          description: "True when every rule of the row held."
        },
        reasons: {
          type: "array",
          items: {
            type: "string"
          },
          description: "One line per failed rule; empty when passed."
        }
      }
    },
    baseline: {
      type: "object",
      required: [
        "source",
        "version",
        "modelDigest",
        "testSetDigest",
        "location",
        "rescored"
      ],
      description: "Where the baseline's numbers came from.",
      properties: {
        source: {
          type: "string",
          enum: [
            "production",
            "file",
            "none"
          ],
          description: "`production`: the registry's production version; `file`: a metrics file or run record; `none`: first run, or told so."
        },
        version: {
          anyOf: [
            {
              type: "string"
            },
            {
              type: "null"
            }
          ],
          description: "The registered version (e.g. v1.2.0) when the source is production."
        },
        modelDigest: {
          anyOf: [
            {
              type: "string",
              pattern: "^sha256:[0-9a-f]{64}$"
            },
            {
              type: "null"
            }
          ],
          description: "The baseline model's digest, when known."
        },
        testSetDigest: {
          anyOf: [
            {
              type: "string",
              pattern: "^sha256:[0-9a-f]{64}$"
            },
            {
              type: "null"
            }
          ],
          description: "The digest of the test set the baseline was measured on, when known."
        },
        location: {
          anyOf: [
            {
              type: "string"
            },
            {
              type: "null"
            }
          ],
          description: "The file the numbers were read from, or the command that re-scored the production model."
        },
        rescored: {
          type: "boolean",
          description: "True when baseline-command re-scored the production model on this test set."
        },
        modelUrl: {
          anyOf: [
            {
              type: "string",
              minLength: 1
            },
            {
              type: "null"
            }
          ],
          description: "Where the baseline model can be fetched (the GitHub release of a production version), when known; optional."
        }
      }
    },
    validation: {
      type: "object",
      required: [
        "passed",
        "rows",
        "errors",
        "warnings",
        "driftedColumns"
      ],
      description: "A short account of validation.json.",
      properties: {
        passed: {
          type: "boolean",
          description: "True when the data passed its contract."
        },
        rows: {
          type: "integer",
          minimum: 0,
          description: "Rows validated."
        },
        errors: {
          type: "integer",
          minimum: 0,
          description: "Failed checks of severity error."
        },
        warnings: {
          type: "integer",
          minimum: 0,
          description: "Failed checks of severity warning."
        },
        driftedColumns: {
          type: "array",
          items: {
            type: "string"
          },
          description: "The columns that drifted."
        }
      }
    }
  }
};

// shared/src/files/schema.ts
var import_ajv = __toESM(require_ajv(), 1);
var ajv = new import_ajv.Ajv({ allErrors: false, strict: true });
var compiled = /* @__PURE__ */ new Map();
function assertMatchesSchema(schema, data, file, label) {
  let validate = compiled.get(schema);
  if (!validate) {
    validate = ajv.compile(schema);
    compiled.set(schema, validate);
  }
  if (validate(data)) return;
  const [error2] = validate.errors ?? [];
  throw new ConfigurationError(`${label}: ${quote(file)} ${describeSchemaError(error2)}`);
}
function describeSchemaError(error2) {
  if (!error2) return "does not match its schema";
  const field = error2.instancePath ? `field ${quote(error2.instancePath)}` : "the document";
  switch (error2.keyword) {
    case "required":
      return `${field} lacks the required field ${quote(error2.params.missingProperty)}`;
    case "additionalProperties":
      return `${field} has the unknown field ${quote(error2.params.additionalProperty)}`;
    case "enum":
      return `${field} ${error2.message}: ${error2.params.allowedValues.map((v) => JSON.stringify(v)).join(", ")}`;
    default:
      return `${field} ${error2.message ?? "is invalid"}`;
  }
}

// shared/src/gate-report.ts
var GATE_VERDICTS = ["improved", "unchanged", "within-noise", "no-baseline", "failed"];
var GATE_RESULT_SCHEMA = {
  ...gate_report_schema_default,
  $id: "https://github.com/mlops-actions/mlops-actions/shared/schemas/gate-report.written.schema.json",
  required: ["schemaVersion", "passed", "verdict", "candidate", "baseline", "comparison", "metrics", "notes", "validation", "commit", "createdAt"],
  properties: {
    ...gate_report_schema_default.properties,
    verdict: { ...gate_report_schema_default.properties.verdict, enum: GATE_VERDICTS },
    candidate: { ...gate_report_schema_default.properties.candidate, required: ["modelDigest", "runId", "testSetDigest", "location"] }
  }
};
async function readGateReport(file, label = "gate-report", shown = file) {
  let text;
  try {
    text = await readFile(file, "utf8");
  } catch {
    throw new ConfigurationError(`${label}: the gate report ${quote(shown)} does not exist or cannot be read; run evaluate-gate first, or point ${label} at its gate.json`);
  }
  return parseGateReport(text, shown, label);
}
function parseGateReport(text, file, label = "gate-report") {
  let data;
  try {
    data = JSON.parse(text);
  } catch (error2) {
    throw new ConfigurationError(`${label}: the gate report ${quote(file)} is not valid JSON: ${error2.message.split("\n")[0]}`);
  }
  assertMatchesSchema(gate_report_schema_default, data, file, label);
  return data;
}

// shared/src/hashing/digest.ts
import { createHash } from "node:crypto";
import { availableParallelism } from "node:os";
import { open, readdir, stat } from "node:fs/promises";
import path2 from "node:path";

// shared/src/progress.ts
var ProgressReporter = class {
  constructor(what, total, logger, clock = { now: () => Date.now() }, intervalMs = 5e3) {
    this.what = what;
    this.total = total;
    this.logger = logger;
    this.clock = clock;
    this.intervalMs = intervalMs;
    this.started = clock.now();
    this.lastReport = this.started;
  }
  what;
  total;
  logger;
  clock;
  intervalMs;
  done = 0;
  items = 0;
  counted = false;
  started;
  lastReport;
  /**
   * Adds work done: `bytes`, and optionally `rows` (or other items) that the progress line then counts too
   * (`Reading data.csv: 1,200,000 rows, 250.0 MB of 1.0 GB (25%), …`).
   */
  add(bytes, rows) {
    this.done += bytes;
    if (rows !== void 0) {
      this.items += rows;
      this.counted = true;
    }
    const now = this.clock.now();
    if (now - this.lastReport < this.intervalMs) return;
    this.lastReport = now;
    const seconds = (now - this.started) / 1e3;
    const rate = this.done / seconds;
    let line = `${this.what}: `;
    if (this.counted) line += `${this.items.toLocaleString("en-US")} rows, `;
    line += formatBytes(this.done);
    if (this.total) line += ` of ${formatBytes(this.total)} (${(100 * this.done / this.total).toFixed(0)}%)`;
    line += `, ${formatBytes(rate)}/s`;
    if (this.total && rate > 0) line += `, about ${Math.ceil((this.total - this.done) / rate)} s left`;
    this.logger.info(line);
  }
};
function formatBytes(bytes) {
  const units = ["B", "KB", "MB", "GB", "TB"];
  let value = bytes;
  let unit = 0;
  while (value >= 1e3 && unit < units.length - 1) {
    value /= 1e3;
    unit++;
  }
  return `${value.toFixed(unit === 0 ? 0 : 1)} ${units[unit]}`;
}

// shared/src/hashing/digest.ts
var CHUNK_BYTES = 1 << 20;
async function digestPath(target, options = {}) {
  const info2 = await stat(target);
  if (info2.isFile()) {
    const progress = options.logger ? new ProgressReporter(`Hashing ${options.label ?? target}`, info2.size, options.logger) : void 0;
    return `sha256:${await sha256File(target, progress)}`;
  }
  const files = await listFiles(target);
  return `sha256:${sha256Text(await manifest(target, files, options))}`;
}
async function manifest(root, files, options = {}) {
  let progress;
  if (options.logger) {
    const sizes = await Promise.all(files.map(async (file) => (await stat(path2.join(root, file))).size));
    progress = new ProgressReporter(`Hashing ${options.label ?? root}`, sizes.reduce((a, b) => a + b, 0), options.logger);
  }
  const digests = await mapConcurrent(files, availableParallelism() * 2, (file) => sha256File(path2.join(root, file), progress));
  return files.map((file, index) => `${digests[index]}  ${file}
`).join("");
}
async function listFiles(root) {
  const found = [];
  const walk = async (relative) => {
    const entries = await readdir(path2.join(root, relative), { withFileTypes: true });
    for (const entry of entries) {
      const child = relative ? `${relative}/${entry.name}` : entry.name;
      let kind = entry.isFile() ? "file" : entry.isDirectory() ? "dir" : "other";
      if (entry.isSymbolicLink()) {
        const target = await stat(path2.join(root, child));
        kind = target.isFile() ? "file" : target.isDirectory() ? "dir" : "other";
      }
      if (kind === "file") found.push(child);
      else if (kind === "dir") await walk(child);
    }
  };
  await walk("");
  return found.sort(compareBytes);
}
function compareBytes(a, b) {
  return Buffer.compare(Buffer.from(a, "utf8"), Buffer.from(b, "utf8"));
}
function sha256Text(text) {
  return createHash("sha256").update(text).digest("hex");
}
async function sha256File(file, progress) {
  const hash2 = createHash("sha256");
  const handle = await open(file, "r");
  try {
    const buffer = Buffer.allocUnsafe(CHUNK_BYTES);
    for (; ; ) {
      const { bytesRead } = await handle.read(buffer, 0, CHUNK_BYTES, null);
      if (bytesRead === 0) break;
      hash2.update(buffer.subarray(0, bytesRead));
      progress?.add(bytesRead);
    }
  } finally {
    await handle.close();
  }
  return hash2.digest("hex");
}
async function mapConcurrent(items, limit, fn) {
  const results = new Array(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const index = next++;
      results[index] = await fn(items[index]);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return results;
}

// shared/schemas/profile.schema.json
var profile_schema_default = {
  $schema: "http://json-schema.org/draft-07/schema#",
  $id: "https://github.com/mlops-actions/mlops-actions/shared/schemas/profile.schema.json",
  title: "mlops-actions data profile (profile.json)",
  description: "What validate-data learned of a dataset: per column counts, type, moments, quantile sketch, distinct-count sketch, frequent values and fixed-bin histograms. Every part merges associatively (docs/profile.md).",
  type: "object",
  additionalProperties: false,
  required: ["schemaVersion", "rows", "files", "columns"],
  properties: {
    schemaVersion: { const: 1 },
    rows: { $ref: "#/definitions/count", description: "Rows read, over all files." },
    files: {
      type: "array",
      description: "Each file read and its rows, in the order first read.",
      items: {
        type: "object",
        additionalProperties: false,
        required: ["path", "rows"],
        properties: { path: { type: "string" }, rows: { $ref: "#/definitions/count" } }
      }
    },
    createdAt: {
      type: "string",
      description: "When given by the caller; a profile is otherwise a function of its data alone."
    },
    columns: { type: "array", items: { $ref: "#/definitions/column" }, description: "In the order first seen." }
  },
  definitions: {
    count: { type: "integer", minimum: 0 },
    nullableNumber: { type: ["number", "null"] },
    column: {
      type: "object",
      additionalProperties: false,
      required: ["name", "type", "count", "nulls", "invalid", "kinds", "length", "numeric", "timestamps", "distinct", "top"],
      properties: {
        name: { type: "string" },
        type: {
          enum: ["integer", "number", "boolean", "timestamp", "string"],
          description: "Inferred from the kind counts (docs/profile.md: the type lattice)."
        },
        count: { $ref: "#/definitions/count", description: "Rows that had this column, nulls included." },
        nulls: { $ref: "#/definitions/count" },
        invalid: { $ref: "#/definitions/count", description: "Non-null values that do not fit the type." },
        kinds: {
          type: "object",
          additionalProperties: false,
          required: ["integer", "decimal", "boolean", "timestamp", "text"],
          properties: {
            integer: { $ref: "#/definitions/count" },
            decimal: { $ref: "#/definitions/count" },
            boolean: { $ref: "#/definitions/count" },
            timestamp: { $ref: "#/definitions/count" },
            text: { $ref: "#/definitions/count" }
          }
        },
        length: {
          oneOf: [
            { type: "null" },
            {
              type: "object",
              additionalProperties: false,
              required: ["min", "max"],
              properties: { min: { $ref: "#/definitions/count" }, max: { $ref: "#/definitions/count" } }
            }
          ],
          description: "Length (UTF-16 code units) of the non-null values as text."
        },
        numeric: {
          oneOf: [{ type: "null" }, { $ref: "#/definitions/summary" }],
          description: "The values that read as numbers."
        },
        timestamps: {
          oneOf: [{ type: "null" }, { $ref: "#/definitions/timestampSummary" }],
          description: "The values that read as ISO 8601 timestamps, in epoch milliseconds."
        },
        distinct: {
          type: "object",
          additionalProperties: false,
          required: ["estimate", "exact", "sketch"],
          properties: {
            estimate: { $ref: "#/definitions/count" },
            exact: { type: "boolean" },
            sketch: {
              oneOf: [
                {
                  type: "object",
                  additionalProperties: false,
                  required: ["mode", "hashes"],
                  properties: { mode: { const: "exact" }, hashes: { $ref: "#/definitions/base64" } }
                },
                {
                  type: "object",
                  additionalProperties: false,
                  required: ["mode", "precision", "registers"],
                  properties: {
                    mode: { const: "hll" },
                    precision: { const: 16 },
                    registers: {
                      $ref: "#/definitions/base64",
                      description: "One byte per register (2^16), raw-deflated, base64."
                    }
                  }
                }
              ]
            }
          }
        },
        top: {
          type: "object",
          additionalProperties: false,
          required: ["capacity", "error", "items"],
          properties: {
            capacity: { type: "integer", minimum: 1 },
            error: {
              type: "number",
              minimum: 0,
              description: "Largest undercount of any count; 0 when every count is exact."
            },
            items: {
              type: "array",
              items: {
                type: "array",
                minItems: 2,
                maxItems: 2,
                items: [{ type: "string" }, { type: "number", exclusiveMinimum: 0 }]
              }
            }
          }
        }
      }
    },
    summary: {
      type: "object",
      additionalProperties: false,
      required: ["count", "mean", "m2", "std", "min", "max", "quantiles", "histogram"],
      properties: {
        count: { $ref: "#/definitions/count" },
        mean: { type: ["number", "null"], description: "null when the values are too large for a double (the sum overflowed)." },
        m2: { type: ["number", "null"], minimum: 0, description: "null when the squared deviations overflow a double (values beyond about 1e150)." },
        std: { type: ["number", "null"], minimum: 0 },
        min: { $ref: "#/definitions/nullableNumber" },
        max: { $ref: "#/definitions/nullableNumber" },
        quantiles: {
          type: "object",
          additionalProperties: false,
          required: ["k", "n", "random", "min", "max", "levels"],
          properties: {
            k: { type: "integer", minimum: 8 },
            n: { $ref: "#/definitions/count" },
            random: { type: "integer", minimum: 0, maximum: 4294967295 },
            min: { $ref: "#/definitions/nullableNumber" },
            max: { $ref: "#/definitions/nullableNumber" },
            levels: {
              type: "array",
              items: { $ref: "#/definitions/base64" },
              description: "Level h (weight 2^h): sorted little-endian float64, base64."
            }
          }
        },
        histogram: {
          oneOf: [
            { type: "null" },
            {
              type: "object",
              additionalProperties: false,
              required: ["edges", "counts"],
              properties: {
                edges: { type: "array", items: { type: "number" } },
                counts: { type: "array", items: { type: "number", minimum: 0 } }
              }
            }
          ]
        }
      }
    },
    timestampSummary: {
      type: "object",
      additionalProperties: false,
      required: ["count", "mean", "m2", "std", "min", "max", "quantiles", "histogram", "minIso", "maxIso"],
      properties: {
        count: { $ref: "#/definitions/summary/properties/count" },
        mean: { $ref: "#/definitions/summary/properties/mean" },
        m2: { $ref: "#/definitions/summary/properties/m2" },
        std: { $ref: "#/definitions/summary/properties/std" },
        min: { $ref: "#/definitions/summary/properties/min" },
        max: { $ref: "#/definitions/summary/properties/max" },
        quantiles: { $ref: "#/definitions/summary/properties/quantiles" },
        histogram: { $ref: "#/definitions/summary/properties/histogram" },
        minIso: { type: ["string", "null"] },
        maxIso: { type: ["string", "null"] }
      }
    },
    base64: { type: "string", pattern: "^[A-Za-z0-9+/]*={0,2}$" }
  }
};

// shared/src/hashing/hash64.ts
var hash = { high: 0, low: 0 };
var scratch = new Float64Array(1);
var scratchWords = new Uint32Array(scratch.buffer);
var LANE1_SEED = 3735928559;
var LANE2_SEED = 1103547991;
var LANE1_MULTIPLIER = 2654435761;
var LANE2_MULTIPLIER = 1597334677;
function finish(a, b) {
  let h1 = a;
  let h2 = b;
  h1 = Math.imul(h1 ^ h1 >>> 16, 2246822507);
  h1 ^= Math.imul(h2 ^ h2 >>> 13, 3266489909);
  h2 = Math.imul(h2 ^ h2 >>> 16, 2246822507);
  h2 ^= Math.imul(h1 ^ h1 >>> 13, 3266489909);
  h1 = Math.imul(h1 ^ h1 >>> 16, 2246822507);
  hash.high = h1 >>> 0;
  hash.low = h2 >>> 0;
}
function hashString(text) {
  const length = text.length;
  let h1 = LANE1_SEED ^ length;
  let h2 = LANE2_SEED ^ length;
  for (let i = 0; i < length; i++) {
    const c = text.charCodeAt(i);
    h1 = Math.imul(h1 ^ c, LANE1_MULTIPLIER);
    h2 = Math.imul(h2 ^ c, LANE2_MULTIPLIER);
  }
  finish(h1, h2);
}
function hashBytes(bytes, start, end) {
  const length = end - start;
  let h1 = LANE1_SEED ^ length;
  let h2 = LANE2_SEED ^ length;
  for (let i = start; i < end; i++) {
    const c = bytes[i];
    h1 = Math.imul(h1 ^ c, LANE1_MULTIPLIER);
    h2 = Math.imul(h2 ^ c, LANE2_MULTIPLIER);
  }
  finish(h1, h2);
}
var POW10 = Array.from({ length: 16 }, (_, i) => 10 ** i);
var MAX_SCALED = 2 ** 50;
var textScratch = new Uint8Array(40);
var TEXT_END = textScratch.length;
var DIGIT_PAIRS = new Uint8Array(200);
for (let i = 0; i < 100; i++) {
  DIGIT_PAIRS[2 * i] = 48 + Math.floor(i / 10);
  DIGIT_PAIRS[2 * i + 1] = 48 + i % 10;
}
var decimalsHint = 1;
var hintTooLong = 0;
var SMALL_INTEGERS = 1e4;
var smallLengths = new Uint8Array(SMALL_INTEGERS);
var smallHighs = new Uint32Array(SMALL_INTEGERS);
var smallLows = new Uint32Array(SMALL_INTEGERS);
function writeFixedDigits(chunk, count, end) {
  let v = chunk;
  let at = end;
  const start = end - count;
  while (at - start >= 2) {
    const next = v / 100 | 0;
    const pair = v - next * 100 << 1;
    textScratch[--at] = DIGIT_PAIRS[pair + 1];
    textScratch[--at] = DIGIT_PAIRS[pair];
    v = next;
  }
  if (at > start) textScratch[--at] = 48 + v;
  return at;
}
function hashNumberText(x) {
  let whole;
  let at = TEXT_END;
  let end = TEXT_END;
  if (Number.isSafeInteger(x)) {
    if (x >= 0 && x < SMALL_INTEGERS) {
      const i = x | 0;
      const known = smallLengths[i];
      if (known > 0) {
        hash.high = smallHighs[i];
        hash.low = smallLows[i];
        return known;
      }
    }
    whole = x < 0 ? -x : x;
  } else {
    const magnitude = Math.abs(x);
    if (!(magnitude >= 1e-6 && magnitude < MAX_SCALED)) return -1;
    let d = decimalsHint;
    let scale = POW10[d];
    let m = Math.round(x * scale);
    if (!(Math.abs(m) <= MAX_SCALED && m / scale === x)) {
      for (d = 1; ; d++) {
        if (d > 15) return -1;
        scale = POW10[d];
        m = Math.round(x * scale);
        if (Math.abs(m) > MAX_SCALED) return -1;
        if (m / scale === x) break;
      }
      decimalsHint = d;
      hintTooLong = 0;
    }
    whole = Math.trunc(magnitude);
    const decimals = (m < 0 ? -m : m) - whole * scale;
    if (d > 9) {
      const high = Math.floor(decimals / 1e8);
      at = writeFixedDigits(decimals - high * 1e8 | 0, 8, at);
      at = writeFixedDigits(high | 0, d - 8, at);
    } else {
      at = writeFixedDigits(decimals | 0, d, at);
    }
    while (textScratch[end - 1] === 48) end--;
    if (TEXT_END - end < 2) {
      hintTooLong = 0;
    } else if (++hintTooLong === 16) {
      hintTooLong = 0;
      decimalsHint = d - (TEXT_END - end);
    }
    textScratch[--at] = 46;
  }
  while (whole > 2147483647) {
    const high = Math.floor(whole / 1e8);
    at = writeFixedDigits(whole - high * 1e8 | 0, 8, at);
    whole = high;
  }
  let v = whole | 0;
  while (v >= 100) {
    const next = v / 100 | 0;
    const pair = v - next * 100 << 1;
    textScratch[--at] = DIGIT_PAIRS[pair + 1];
    textScratch[--at] = DIGIT_PAIRS[pair];
    v = next;
  }
  if (v >= 10) {
    textScratch[--at] = DIGIT_PAIRS[(v << 1) + 1];
    textScratch[--at] = DIGIT_PAIRS[v << 1];
  } else {
    textScratch[--at] = 48 + v;
  }
  if (x < 0) textScratch[--at] = 45;
  const length = end - at;
  hashBytes(textScratch, at, end);
  if (x >= 0 && x < SMALL_INTEGERS && Number.isInteger(x)) {
    const i = x | 0;
    smallLengths[i] = length;
    smallHighs[i] = hash.high;
    smallLows[i] = hash.low;
  }
  return length;
}

// shared/src/data/values.ts
var MAX_SAFE = BigInt(Number.MAX_SAFE_INTEGER);
var writtenAsInteger = false;
var POWERS_OF_TEN = Array.from({ length: 23 }, (_, i) => Number(`1e${i}`));
var DECIMAL = /^[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?$/;
function parseDecimal(text) {
  const length = text.length;
  if (length === 0) return Number.NaN;
  const first = text.charCodeAt(0);
  const sign = first === 45 || first === 43 ? 1 : 0;
  if (sign === 0 && first !== 46 && (first < 48 || first > 57)) return Number.NaN;
  let mantissa = 0;
  let digits = 0;
  let point = -1;
  let at = sign;
  for (; at < length; at++) {
    const code = text.charCodeAt(at);
    if (code >= 48 && code <= 57) {
      mantissa = mantissa * 10 + (code - 48);
      digits++;
    } else if (code === 46 && point < 0) {
      point = at;
    } else {
      break;
    }
  }
  if (at === length && digits > 0 && digits <= 15) {
    writtenAsInteger = point < 0;
    const scaled = point < 0 ? mantissa : mantissa / POWERS_OF_TEN[length - 1 - point];
    return first === 45 ? -scaled : scaled;
  }
  if (!DECIMAL.test(text)) return Number.NaN;
  const value = Number(text);
  if (value - value !== 0) return Number.NaN;
  writtenAsInteger = point < 0 && at === length;
  return value;
}
function parseDecimalHashed(text) {
  const length = text.length;
  let h1 = LANE1_SEED ^ length;
  let h2 = LANE2_SEED ^ length;
  const first = length === 0 ? 0 : text.charCodeAt(0);
  const sign = first === 45 || first === 43 ? 1 : 0;
  let low = 0;
  let high = 0;
  let digits = 0;
  let point = -1;
  let at = 0;
  let stop = length;
  if (sign === 0 && first !== 46 && (first < 48 || first > 57)) {
    stop = 0;
  } else {
    for (; at < length; at++) {
      const code = text.charCodeAt(at);
      h1 = Math.imul(h1 ^ code, LANE1_MULTIPLIER);
      h2 = Math.imul(h2 ^ code, LANE2_MULTIPLIER);
      if (code >= 48 && code <= 57) {
        if (digits < 9) low = low * 10 + (code - 48) | 0;
        else high = high * 10 + (code - 48);
        digits++;
      } else if (code === 46 && point < 0) {
        point = at;
      } else if (at >= sign) {
        stop = at++;
        break;
      }
    }
  }
  for (; at < length; at++) {
    const code = text.charCodeAt(at);
    h1 = Math.imul(h1 ^ code, LANE1_MULTIPLIER);
    h2 = Math.imul(h2 ^ code, LANE2_MULTIPLIER);
  }
  finish(h1, h2);
  if (stop === 0 || length === 0) return Number.NaN;
  if (stop === length) {
    if (digits > 0 && digits <= 15) {
      writtenAsInteger = point < 0;
      const mantissa = digits <= 9 ? low : low * POWERS_OF_TEN[digits - 9] + high;
      const scaled = point < 0 ? mantissa : mantissa / POWERS_OF_TEN[length - 1 - point];
      return first === 45 ? -scaled : scaled;
    }
    return parseDecimal(text);
  }
  const next = text.charCodeAt(stop);
  return next === 101 || next === 69 ? parseDecimal(text) : Number.NaN;
}
function parseBoolean(text) {
  switch (text.length) {
    case 1:
      return text === "1" ? 1 : text === "0" ? 0 : -1;
    case 4:
      return text === "true" || (text.charCodeAt(0) | 32) === 116 && (text.charCodeAt(1) | 32) === 114 && (text.charCodeAt(2) | 32) === 117 && (text.charCodeAt(3) | 32) === 101 ? 1 : -1;
    case 5:
      return text === "false" || (text.charCodeAt(0) | 32) === 102 && (text.charCodeAt(1) | 32) === 97 && (text.charCodeAt(2) | 32) === 108 && (text.charCodeAt(3) | 32) === 115 && (text.charCodeAt(4) | 32) === 101 ? 0 : -1;
    default:
      return -1;
  }
}
function two(bytes, at, end) {
  if (at + 2 > end) return -1;
  const high = bytes[at] - 48;
  const low = bytes[at + 1] - 48;
  return high >= 0 && high <= 9 && low >= 0 && low <= 9 ? high * 10 + low : -1;
}
function daysFromCivil(year, month, day) {
  const y = month <= 2 ? year - 1 : year;
  const era = Math.floor(y / 400);
  const yoe = y - era * 400;
  const doy = ((153 * (month > 2 ? month - 3 : month + 9) + 2) / 5 | 0) + day - 1;
  const doe = yoe * 365 + (yoe / 4 | 0) - (yoe / 100 | 0) + doy;
  return era * 146097 + doe - 719468;
}
var DAYS_IN_MONTH = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];
var timestampScratch = new Uint8Array(64);
function parseTimestamp(text) {
  const length = text.length;
  if (length < 10 || text.charCodeAt(4) !== 45 || text.charCodeAt(7) !== 45) return Number.NaN;
  const scratch2 = length <= timestampScratch.length ? timestampScratch : new Uint8Array(length);
  for (let i = 0; i < length; i++) {
    const code = text.charCodeAt(i);
    if (code > 127) return Number.NaN;
    scratch2[i] = code;
  }
  return parseTimestampBytes(scratch2, 0, length);
}
function parseTimestampBytes(bytes, start, end) {
  const length = end - start;
  if (length < 10 || bytes[start + 4] !== 45 || bytes[start + 7] !== 45) return Number.NaN;
  const century = two(bytes, start, end);
  const yy = two(bytes, start + 2, end);
  const month = two(bytes, start + 5, end);
  const day = two(bytes, start + 8, end);
  if (century < 0 || yy < 0 || month < 1 || month > 12 || day < 1) return Number.NaN;
  const year = century * 100 + yy;
  if (day > DAYS_IN_MONTH[month - 1] && !(month === 2 && day === 29 && year % 4 === 0 && (yy !== 0 || century % 4 === 0))) return Number.NaN;
  const date = daysFromCivil(year, month, day) * 864e5;
  if (length === 10) return date;
  const separator = bytes[start + 10];
  if (separator !== 84 && separator !== 116 && separator !== 32 || length < 16 || bytes[start + 13] !== 58) return Number.NaN;
  const hour = two(bytes, start + 11, end);
  const minute = two(bytes, start + 14, end);
  if (hour < 0 || hour > 23 || minute < 0 || minute > 59) return Number.NaN;
  let at = start + 16;
  let second = 0;
  let millisecond = 0;
  if (at < end && bytes[at] === 58) {
    second = two(bytes, at + 1, end);
    if (second < 0 || second > 60) return Number.NaN;
    at += 3;
    if (at < end && bytes[at] === 46) {
      const from = ++at;
      for (; at < end; at++) {
        const digit = bytes[at] - 48;
        if (digit < 0 || digit > 9) break;
        if (at - from < 3) millisecond = millisecond * 10 + digit;
      }
      if (at === from) return Number.NaN;
      if (at - from === 1) millisecond *= 100;
      else if (at - from === 2) millisecond *= 10;
    }
  }
  let offset = 0;
  if (at < end) {
    const zone = bytes[at];
    if (zone === 90 || zone === 122) {
      at++;
    } else if (zone === 43 || zone === 45) {
      const hours = two(bytes, at + 1, end);
      if (hours < 0 || hours > 23) return Number.NaN;
      at += 3;
      let minutes = 0;
      if (at < end) {
        if (bytes[at] === 58) at++;
        minutes = two(bytes, at, end);
        if (minutes < 0 || minutes > 59) return Number.NaN;
        at += 2;
      }
      offset = (zone === 43 ? 1 : -1) * (hours * 60 + minutes) * 6e4;
    } else {
      return Number.NaN;
    }
  }
  if (at !== end) return Number.NaN;
  return date + ((hour * 60 + minute) * 60 + second) * 1e3 + millisecond - offset;
}

// shared/src/data/typed-column.ts
var NULL = 0;
var INTEGER = 1;
var DECIMAL2 = 2;
var BOOLEAN = 3;
var TIMESTAMP = 4;
var TEXT = 5;
var KIND = 7;
var NATIVE = 8;
var TRUE = "true";
var FALSE = "false";
hashString(TRUE);
var TRUE_HIGH = hash.high;
var TRUE_LOW = hash.low;
hashString(FALSE);
var FALSE_HIGH = hash.high;
var FALSE_LOW = hash.low;
var BYTES_PER_VALUE = 21;
var ARENA_BYTES = 2 ** 20;
var arena = new ArrayBuffer(0);
var arenaUsed = 0;
function carve(bytes) {
  const rounded = bytes + 7 & ~7;
  if (rounded > ARENA_BYTES / 4) return { memory: new ArrayBuffer(rounded), offset: 0 };
  if (arenaUsed + rounded > arena.byteLength) {
    arena = new ArrayBuffer(ARENA_BYTES);
    arenaUsed = 0;
  }
  const offset = arenaUsed;
  arenaUsed += rounded;
  return { memory: arena, offset };
}
var TypedColumn = class {
  /**
   * `valueAt(i)` gives value i as read (for reports, the text checks and the top values' kept texts): called
   * only for the few values that need it. The arrays are filled by the reader, with setValue or its own.
   */
  constructor(size, valueAt, viewAt) {
    this.size = size;
    this.valueAt = valueAt;
    this.viewAt = viewAt;
    const { memory, offset } = carve(size * BYTES_PER_VALUE);
    this.numbers = new Float64Array(memory, offset, size);
    this.highs = new Uint32Array(memory, offset + 8 * size, size);
    this.lows = new Uint32Array(memory, offset + 12 * size, size);
    this.lengths = new Int32Array(memory, offset + 16 * size, size);
    this.kinds = new Uint8Array(memory, offset + 20 * size, size);
  }
  size;
  valueAt;
  viewAt;
  /** Per value: its kind, with NATIVE when the file held it as a number or boolean. */
  kinds;
  /** INTEGER and DECIMAL: the number; BOOLEAN: 1 or 0; TIMESTAMP: milliseconds since the epoch; TEXT|NATIVE: ±Infinity; else NaN. */
  numbers;
  /** The 64-bit hash (hashString) of the value's canonical text (see {@link canonicalText}), as two uint32 halves. */
  highs;
  lows;
  /** The length of the value's text in UTF-16 code units (0 for null). */
  lengths;
  /** Value i as the file gave it (a CSV field as text, a JSON number as a number, a Parquet timestamp as ISO text). */
  value(i) {
    return this.valueAt(i);
  }
  /** Value i's text as the text checks read it: text as read, String(v) for a number or boolean. Not for nulls. */
  text(i) {
    const value = this.valueAt(i);
    return typeof value === "string" ? value : String(value);
  }
  /**
   * text(i) for a check that reads it and lets it go (a regex test): it may be a slice of a larger string (a CSV
   * batch's text), which is cheaper to make but keeps that string alive while it lives, so a value kept goes
   * through text(i).
   */
  textView(i) {
    return this.viewAt ? this.viewAt(i) : this.text(i);
  }
  /** Value i's canonical text (docs/profile.md), the one its hash is of: the text, but booleans as true/false. */
  canonicalText(i) {
    if ((this.kinds[i] & KIND) === BOOLEAN) return this.numbers[i] === 1 ? TRUE : FALSE;
    return this.textView(i);
  }
  /** Reads `value` into slot i: the one reading of a value (data/values.ts) for text, numbers and booleans. */
  setValue(i, value) {
    if (value === null || value === void 0) {
      this.kinds[i] = NULL;
      this.lengths[i] = 0;
      this.numbers[i] = Number.NaN;
      return;
    }
    if (typeof value === "string") {
      this.setText(i, value);
      return;
    }
    if (typeof value === "number") {
      if (value !== value) {
        this.setValue(i, null);
        return;
      }
      this.numbers[i] = value;
      this.kinds[i] = Number.isFinite(value) ? (Number.isInteger(value) ? INTEGER : DECIMAL2) | NATIVE : TEXT | NATIVE;
      let length = hashNumberText(value);
      if (length < 0) {
        const text = String(value);
        length = text.length;
        hashString(text);
      }
      this.lengths[i] = length;
      this.highs[i] = hash.high;
      this.lows[i] = hash.low;
      return;
    }
    this.kinds[i] = BOOLEAN | NATIVE;
    this.setBoolean(i, value ? 1 : 0);
    this.lengths[i] = value ? 4 : 5;
  }
  /** Reads text (never null, maybe empty) into slot i: a number, a timestamp, a boolean, or text. */
  setText(i, text) {
    const length = text.length;
    this.lengths[i] = length;
    const x = parseDecimalHashed(text);
    this.highs[i] = hash.high;
    this.lows[i] = hash.low;
    if (x === x) {
      this.kinds[i] = writtenAsInteger ? INTEGER : DECIMAL2;
      this.numbers[i] = x;
      return;
    }
    const ms = length >= 10 && text.charCodeAt(4) === 45 ? parseTimestamp(text) : Number.NaN;
    if (ms === ms) {
      this.kinds[i] = TIMESTAMP;
      this.numbers[i] = ms;
      return;
    }
    const b = length === 4 || length === 5 ? parseBoolean(text) : -1;
    if (b >= 0) {
      this.kinds[i] = BOOLEAN;
      this.setBoolean(i, b);
      return;
    }
    this.kinds[i] = TEXT;
    this.numbers[i] = Number.NaN;
  }
  /**
   * A timestamp given as an instant (Parquet) whose text, `length` characters, was hashed last (its hash is in
   * `hash`): counted and checked as the timestamp that text reads as, `ms`, with no text made or parsed.
   */
  setTimestamp(i, ms, length) {
    this.kinds[i] = TIMESTAMP;
    this.numbers[i] = ms;
    this.lengths[i] = length;
    this.highs[i] = hash.high;
    this.lows[i] = hash.low;
  }
  setBoolean(i, b) {
    this.numbers[i] = b;
    this.highs[i] = b === 1 ? TRUE_HIGH : FALSE_HIGH;
    this.lows[i] = b === 1 ? TRUE_LOW : FALSE_LOW;
  }
};
function typedColumnOf(rows, j) {
  const valueAt = (i) => rows[i][j] ?? null;
  const column = new TypedColumn(rows.length, valueAt);
  for (let i = 0; i < rows.length; i++) column.setValue(i, valueAt(i));
  return column;
}

// shared/src/profile/distinct.ts
import { deflateRawSync, inflateRawSync } from "node:zlib";

// shared/src/profile/codec.ts
function encodeFloat64(values) {
  const buffer = Buffer.alloc(values.length * 8);
  for (let i = 0; i < values.length; i++) buffer.writeDoubleLE(values[i], i * 8);
  return buffer.toString("base64");
}
function decodeFloat64(text) {
  const buffer = Buffer.from(text, "base64");
  if (buffer.length % 8 !== 0) throw new Error(`a float64 array is encoded in ${buffer.length} bytes, not a multiple of 8`);
  const values = new Float64Array(buffer.length / 8);
  for (let i = 0; i < values.length; i++) values[i] = buffer.readDoubleLE(i * 8);
  return values;
}
function encodeUint32(values) {
  const buffer = Buffer.alloc(values.length * 4);
  for (let i = 0; i < values.length; i++) buffer.writeUInt32LE(values[i], i * 4);
  return buffer.toString("base64");
}
function decodeUint32(text) {
  const buffer = Buffer.from(text, "base64");
  if (buffer.length % 4 !== 0) throw new Error(`a uint32 array is encoded in ${buffer.length} bytes, not a multiple of 4`);
  const values = new Uint32Array(buffer.length / 4);
  for (let i = 0; i < values.length; i++) values[i] = buffer.readUInt32LE(i * 4);
  return values;
}
function encodeBytes(values) {
  return Buffer.from(values.buffer, values.byteOffset, values.byteLength).toString("base64");
}
function decodeBytes(text) {
  return new Uint8Array(Buffer.from(text, "base64"));
}
function nextRandom(state) {
  state ^= state << 13;
  state ^= state >>> 17;
  state ^= state << 5;
  return state >>> 0 || 1831565813;
}

// shared/src/profile/distinct.ts
var EXACT_DISTINCT_LIMIT = 1e3;
var HLL_PRECISION = 16;
var REGISTERS = 1 << HLL_PRECISION;
var Q = 64 - HLL_PRECISION;
var TABLE_SLOTS = 2048;
var DistinctSketch = class _DistinctSketch {
  /** Exact mode: open-addressing set of (high, low) pairs; `used` marks taken slots. */
  table = new Uint32Array(TABLE_SLOTS * 2);
  used = new Uint8Array(TABLE_SLOTS);
  size = 0;
  registers = null;
  /** Adds a value by its canonical text. */
  add(text) {
    hashString(text);
    this.addHash(hash.high, hash.low);
  }
  addHash(high, low) {
    const registers = this.registers;
    if (registers !== null) {
      const index = high >>> Q - 32;
      const rest = high & (1 << Q - 32) - 1;
      const rank = rest !== 0 ? Math.clz32(rest) - (64 - Q) + 1 : Q - 32 + Math.clz32(low) + 1;
      if (rank > registers[index]) registers[index] = rank;
      return;
    }
    const table = this.table;
    const used = this.used;
    let slot = (low ^ high >>> 7) & TABLE_SLOTS - 1;
    while (used[slot] === 1) {
      if (table[2 * slot] === high && table[2 * slot + 1] === low) return;
      slot = slot + 1 & TABLE_SLOTS - 1;
    }
    used[slot] = 1;
    table[2 * slot] = high;
    table[2 * slot + 1] = low;
    if (++this.size > EXACT_DISTINCT_LIMIT) this.toSketch();
  }
  merge(other) {
    if (other.registers !== null) {
      if (this.registers === null) this.toSketch();
      const mine = this.registers;
      const theirs = other.registers;
      for (let i = 0; i < REGISTERS; i++) if (theirs[i] > mine[i]) mine[i] = theirs[i];
      return this;
    }
    for (const [high, low] of other.hashes()) this.addHash(high, low);
    return this;
  }
  /** Whether the count is exact (no more than EXACT_DISTINCT_LIMIT distinct values seen). */
  get exact() {
    return this.registers === null;
  }
  /** The number of distinct values: exact, or the HyperLogLog estimate rounded to an integer. */
  estimate() {
    const registers = this.registers;
    if (registers === null) return this.size;
    const histogram = new Float64Array(Q + 2);
    for (let i = 0; i < REGISTERS; i++) histogram[registers[i]] += 1;
    const m = REGISTERS;
    let z = m * tau(1 - histogram[Q + 1] / m);
    for (let k = Q; k >= 1; k--) z = 0.5 * (z + histogram[k]);
    z += m * sigma(histogram[0] / m);
    return Math.round(m * m / (2 * Math.LN2 * z));
  }
  toJSON() {
    if (this.registers !== null) return { mode: "hll", precision: HLL_PRECISION, registers: encodeBytes(deflateRawSync(this.registers)) };
    const pairs = [...this.hashes()].sort((a, b) => a[0] - b[0] || a[1] - b[1]);
    return { mode: "exact", hashes: encodeUint32(pairs.flat()) };
  }
  static fromJSON(json) {
    const sketch = new _DistinctSketch();
    if (json.mode === "hll") {
      if (json.precision !== HLL_PRECISION) throw new Error(`the distinct sketch has precision ${json.precision}; this version reads ${HLL_PRECISION}`);
      let registers;
      try {
        registers = new Uint8Array(inflateRawSync(decodeBytes(json.registers)));
      } catch {
        throw new Error("the distinct sketch's registers are not raw-deflated data");
      }
      if (registers.length !== REGISTERS) throw new Error(`the distinct sketch has ${registers.length} registers, not ${REGISTERS}`);
      if (registers.some((value) => value > Q + 1)) throw new Error(`the distinct sketch has a register over ${Q + 1}`);
      sketch.toSketch();
      sketch.registers = registers;
      return sketch;
    }
    const values = decodeUint32(json.hashes);
    if (values.length % 2 !== 0 || values.length / 2 > EXACT_DISTINCT_LIMIT) throw new Error(`the distinct sketch's exact set has ${values.length / 2} hashes, more than ${EXACT_DISTINCT_LIMIT}`);
    for (let i = 0; i < values.length; i += 2) sketch.addHash(values[i], values[i + 1]);
    return sketch;
  }
  *hashes() {
    const table = this.table;
    const used = this.used;
    if (!table || !used) return;
    for (let slot = 0; slot < TABLE_SLOTS; slot++) if (used[slot] === 1) yield [table[2 * slot], table[2 * slot + 1]];
  }
  toSketch() {
    const pairs = [...this.hashes()];
    this.registers = new Uint8Array(REGISTERS);
    this.table = null;
    this.used = null;
    for (const [high, low] of pairs) this.addHash(high, low);
  }
};
function sigma(x) {
  if (x === 1) return Infinity;
  let y = 1;
  let z = x;
  for (; ; ) {
    x *= x;
    const previous = z;
    z += x * y;
    y += y;
    if (z === previous) return z;
  }
}
function tau(x) {
  if (x === 0 || x === 1) return 0;
  let y = 1;
  let z = 1 - x;
  for (; ; ) {
    x = Math.sqrt(x);
    const previous = z;
    y *= 0.5;
    z -= (1 - x) ** 2 * y;
    if (z === previous) return z / 3;
  }
}

// shared/src/profile/moments.ts
var Moments = class _Moments {
  count = 0;
  mean = 0;
  m2 = 0;
  min = Infinity;
  max = -Infinity;
  add(x) {
    const count = ++this.count;
    const delta = x - this.mean;
    this.mean += delta / count;
    this.m2 += delta * (x - this.mean);
    if (x < this.min) this.min = x;
    if (x > this.max) this.max = x;
  }
  /**
   * add() for values[0 … count): the batch's mean and M2 by two passes (no division per value, and no less
   * accurate than Welford's update), then combined as a merge.
   */
  addBatch(values, count) {
    if (count === 0) return;
    let sum = 0;
    let min = this.min;
    let max = this.max;
    for (let i = 0; i < count; i++) {
      const x = values[i];
      sum += x;
      if (x < min) min = x;
      if (x > max) max = x;
    }
    const mean = sum / count;
    let m2 = 0;
    for (let i = 0; i < count; i++) {
      const delta = values[i] - mean;
      m2 += delta * delta;
    }
    this.combine(count, mean, m2);
    this.min = min;
    this.max = max;
  }
  merge(other) {
    if (other.count === 0) return this;
    this.combine(other.count, other.mean, other.m2);
    if (other.min < this.min) this.min = other.min;
    if (other.max > this.max) this.max = other.max;
    return this;
  }
  /** Chan et al.'s combination with the moments (count, mean, m2) of other values. */
  combine(count, mean, m2) {
    if (this.count === 0) {
      this.count = count;
      this.mean = mean;
      this.m2 = m2;
      return;
    }
    const total = this.count + count;
    const delta = mean - this.mean;
    this.mean = (this.mean * this.count + mean * count) / total;
    this.m2 = this.m2 + m2 + delta * delta * this.count * count / total;
    this.count = total;
  }
  /** Population variance (M2 / count); 0 for no values. */
  get variance() {
    return this.count > 0 ? this.m2 / this.count : 0;
  }
  /** Sample variance (M2 / (count − 1)); 0 for fewer than two values. */
  get sampleVariance() {
    return this.count > 1 ? this.m2 / (this.count - 1) : 0;
  }
  toJSON() {
    const empty = this.count === 0;
    return {
      count: this.count,
      mean: Number.isFinite(this.mean) ? this.mean : null,
      m2: Number.isFinite(this.m2) ? this.m2 : null,
      min: empty ? null : this.min,
      max: empty ? null : this.max
    };
  }
  static fromJSON(json) {
    const moments = new _Moments();
    moments.count = json.count;
    moments.mean = json.mean ?? Number.NaN;
    moments.m2 = json.m2 ?? Number.POSITIVE_INFINITY;
    moments.min = json.min ?? Infinity;
    moments.max = json.max ?? -Infinity;
    return moments;
  }
};

// shared/src/profile/quantiles.ts
var DEFAULT_QUANTILE_K = 400;
var EXACT_QUANTILE_ITEMS = 2048;
var MIN_WIDTH = 8;
var SAMPLED_WIDTH = 16;
var SHRINK = 2 / 3;
var SEED = 625341585;
var SMALL_SORT = 9;
var ranked = new Float64Array(SMALL_SORT);
var QuantileSketch = class _QuantileSketch {
  constructor(k = DEFAULT_QUANTILE_K) {
    this.k = k;
    if (!Number.isInteger(k) || k < MIN_WIDTH) throw new Error(`a quantile sketch needs an integer k ≥ ${MIN_WIDTH}, not ${k}`);
    this.levels = [new Float64Array(Math.min(k, 64))];
    this.sizes = [0];
    let depth = 0;
    while (Math.ceil(k * SHRINK ** depth) > SAMPLED_WIDTH) depth++;
    this.sampledDepth = depth;
    this.capacity = this.totalCapacity();
  }
  k;
  n = 0;
  min = Infinity;
  max = -Infinity;
  levels;
  sizes;
  retained = 0;
  capacity;
  /** levelCapacity(h) for each level, recomputed when a level is added. */
  capacities = [];
  random = SEED;
  /** The levels below the first compactor: the sampler's blocks are 2^sampled values (0: no sampler). */
  sampled = 0;
  /** The depth below the top from which a level's capacity is SAMPLED_WIDTH or less (k's alone). */
  sampledDepth;
  view = null;
  /**
   * Adds one value (NaN is ignored: callers pass finite numbers). A −0 is held as 0: equal as numbers, and two
   * zeros of different signs would sort in either order, so a sketch read back from JSON (which sorts −0 first)
   * could promote other zeros than one that was not.
   */
  add(value) {
    if (value !== value) return;
    const x = value === 0 ? 0 : value;
    this.n++;
    if (x < this.min) this.min = x;
    if (x > this.max) this.max = x;
    let level = this.levels[0];
    const size = this.sizes[0];
    if (size === level.length) level = this.grow(0, size + 1);
    level[size] = x;
    this.sizes[0] = size + 1;
    this.view = null;
    this.retained++;
    if (this.sampled > 0 && size + 1 === 1 << this.sampled) this.sampleBlock(level, 0);
    while (this.overFull()) this.compress();
  }
  /**
   * add() for values[0 … count) (finite numbers), the same sketch to the bit. Without the sampler each block copied
   * into level 0 fills it to one past the capacity, where add() would compact; with it, whole blocks are drawn from
   * `values` directly and a partial one is completed in level 0, as add() fills it. Either way the compactions and
   * draws fall where they would one by one.
   */
  addBatch(values, count) {
    let min = this.min;
    let max = this.max;
    for (let i = 0; i < count; i++) {
      const x = values[i];
      if (x < min) min = x;
      if (x > max) max = x;
    }
    if (min === 0) min = 0;
    if (max === 0) max = 0;
    let at = 0;
    while (at < count) {
      const size = this.sizes[0];
      if (this.sampled > 0) {
        const block = 1 << this.sampled;
        if (size === 0 && count - at >= block) {
          this.retained += block;
          this.sampleBlock(values, at);
          at += block;
        } else {
          const take = Math.min(block - size, count - at);
          const level = this.grow(0, size + take);
          copyValues(level, size, values, at, take);
          this.sizes[0] = size + take;
          this.retained += take;
          at += take;
          if (size + take === block) this.sampleBlock(level, 0);
        }
      } else {
        const take = Math.min(this.capacity + 1 - this.retained, count - at);
        const level = this.grow(0, size + take);
        copyValues(level, size, values, at, take);
        this.sizes[0] = size + take;
        this.retained += take;
        at += take;
      }
      while (this.overFull()) this.compress();
    }
    this.n += count;
    this.min = min;
    this.max = max;
    this.view = null;
  }
  /**
   * The sampler's step: of the block of 2^sampled values at values[from …] (counted in `retained`, and level 0's
   * whole content when `values` is level 0), the one the generator draws moves to level `sampled`, which stays
   * sorted; the rest are dropped.
   */
  sampleBlock(values, from) {
    const s = this.sampled;
    this.random = nextRandom(this.random);
    const drawn = values[from + (this.random >>> 32 - s)];
    const chosen = drawn === 0 ? 0 : drawn;
    if (values === this.levels[0]) this.sizes[0] = 0;
    this.retained -= (1 << s) - 1;
    const upper = this.sizes[s];
    const target = this.grow(s, upper + 1);
    let at = upper;
    while (at > 0 && target[at - 1] > chosen) {
      target[at] = target[at - 1];
      at--;
    }
    target[at] = chosen;
    this.sizes[s] = upper + 1;
  }
  /** Adds the other sketch's values (it is left unchanged). Both must have the same k. */
  merge(other) {
    if (other.k !== this.k) throw new Error(`cannot merge quantile sketches of k ${this.k} and ${other.k}`);
    if (other.n === 0) return this;
    while (this.levels.length < other.levels.length) this.addLevel();
    for (let h = 0; h < other.levels.length; h++) {
      const count = other.sizes[h];
      if (count === 0) continue;
      const size = this.sizes[h];
      const level = this.grow(h, size + count);
      level.set(other.levels[h].subarray(0, count), size);
      this.sizes[h] = size + count;
      this.retained += count;
    }
    for (let h = this.sampled > 0 ? 0 : 1; h < this.levels.length; h++) sortRange(this.levels[h], 0, this.sizes[h] - 1);
    this.n += other.n;
    if (other.min < this.min) this.min = other.min;
    if (other.max > this.max) this.max = other.max;
    this.random = nextRandom(this.random + other.random >>> 0);
    this.view = null;
    this.settle();
    while (this.overFull()) this.compress();
    return this;
  }
  /** Whether every value added is still held (then quantiles and ranks are exact). */
  get exact() {
    return this.levels.length === 1;
  }
  /** Items held (the sketch's size). */
  get retainedItems() {
    return this.retained;
  }
  /** The lower empirical p-quantile: the smallest held value whose cumulative weight reaches p · n. */
  quantile(p) {
    if (this.n === 0) return NaN;
    if (p <= 0) return this.min;
    if (p >= 1) return this.max;
    const { values, cumulative } = this.sortedItems();
    const target = p * this.n * (1 - 1e-12);
    let low = 0;
    let high = values.length - 1;
    while (low < high) {
      const middle = low + high >>> 1;
      if (cumulative[middle] >= target) high = middle;
      else low = middle + 1;
    }
    return values[low];
  }
  /** The estimated fraction of values ≤ x (the normalized rank of x). */
  cdf(x) {
    if (this.n === 0) return NaN;
    if (x < this.min) return 0;
    if (x >= this.max) return 1;
    const { values, cumulative } = this.sortedItems();
    let low = 0;
    let high = values.length;
    while (low < high) {
      const middle = low + high >>> 1;
      if (values[middle] <= x) low = middle + 1;
      else high = middle;
    }
    return low === 0 ? 0 : cumulative[low - 1] / this.n;
  }
  /** Same as cdf: the estimated normalized rank of x. */
  rank(x) {
    return this.cdf(x);
  }
  toJSON() {
    const levels = this.levels.map((level, h) => {
      const items = level.slice(0, this.sizes[h]);
      return encodeFloat64(h === 0 && this.sampled > 0 ? items : items.sort());
    });
    const empty = this.n === 0;
    return { k: this.k, n: this.n, random: this.random, min: empty ? null : this.min, max: empty ? null : this.max, levels };
  }
  static fromJSON(json) {
    const sketch = new _QuantileSketch(json.k);
    sketch.levels = json.levels.map((text) => decodeFloat64(text).map((x) => x === 0 ? 0 : x));
    if (sketch.levels.length === 0) sketch.levels = [new Float64Array(0)];
    sketch.sizes = sketch.levels.map((level) => level.length);
    sketch.retained = sketch.sizes.reduce((sum, size) => sum + size, 0);
    const weight = sketch.sizes.reduce((sum, size, h) => sum + size * 2 ** h, 0);
    if (weight !== json.n) throw new Error(`the quantile sketch's levels hold a weight of ${weight}, not its n ${json.n}`);
    sketch.n = json.n;
    sketch.random = json.random >>> 0 || SEED;
    sketch.min = json.min ?? Infinity;
    sketch.max = json.max ?? -Infinity;
    for (let h = 1; h < sketch.levels.length; h++) sortRange(sketch.levels[h], 0, sketch.sizes[h] - 1);
    sketch.capacity = sketch.totalCapacity();
    sketch.settle();
    while (sketch.overFull()) sketch.compress();
    return sketch;
  }
  levelCapacity(h) {
    const depth = this.levels.length - 1 - h;
    return Math.max(MIN_WIDTH, Math.ceil(this.k * SHRINK ** depth));
  }
  /**
   * Whether the sketch must compact: it holds more than its capacity, level 0 not counted under the sampler (its
   * block in progress is bounded by the sampler, and adding to it must not compact, as a whole block taken at once
   * does not).
   */
  overFull() {
    return this.retained - (this.sampled > 0 ? this.sizes[0] : 0) > this.capacity;
  }
  /**
   * What the sketch may hold before it compacts: the compactors' capacities, plus, under the sampler, one leftover
   * item on each level between level 0 (the block in progress, not counted: see overFull) and the compactors.
   */
  totalCapacity() {
    this.capacities = this.levels.map((_, h) => this.levelCapacity(h));
    if (this.levels.length === 1) return Math.max(this.k, EXACT_QUANTILE_ITEMS);
    const top = this.levels.length - 1;
    this.sampled = Math.min(top - 1, Math.max(0, top - this.sampledDepth + 1));
    let total = this.sampled > 0 ? this.sampled - 1 : 0;
    for (let h = this.sampled; h < this.levels.length; h++) total += this.capacities[h];
    return total;
  }
  /**
   * Brings the levels under the sampler within what totalCapacity counts them for (after the sampler gained a
   * level, a merge, or a sketch read back): level 0 under a block, the levels between at one item at most. Each
   * step is a compaction, which is always a valid step of the sketch.
   */
  settle() {
    const s = this.sampled;
    if (s === 0) return;
    if (this.sizes[0] >= 1 << s) this.compact(0);
    for (let h = 1; h < s; h++) if (this.sizes[h] >= 2) this.compact(h);
  }
  addLevel() {
    this.levels.push(new Float64Array(Math.min(this.k, 64)));
    this.sizes.push(0);
    this.capacity = this.totalCapacity();
  }
  grow(h, needed) {
    const level = this.levels[h];
    if (level.length >= needed) return level;
    const grown = new Float64Array(Math.max(needed, level.length * 2));
    grown.set(level.subarray(0, this.sizes[h]));
    this.levels[h] = grown;
    return grown;
  }
  /** Compacts the lowest compactor (a level from `sampled` up) that is at or over its capacity. */
  compress() {
    let h = this.sampled;
    const sizes = this.sizes;
    const capacities = this.capacities;
    while (sizes[h] < capacities[h]) h++;
    const sampled = this.sampled;
    this.compact(h);
    if (this.sampled > sampled) this.settle();
  }
  /** Compacts level h: sorted, every other item (from a drawn offset) moves up with twice the weight. */
  compact(h) {
    if (h === this.levels.length - 1) this.addLevel();
    const level = this.levels[h];
    const size = this.sizes[h];
    if (h === 0) sortLevel0(level, size);
    const items = level;
    const paired = size & ~1;
    this.random = nextRandom(this.random);
    const offset = this.random & 1;
    const promoted = paired >>> 1;
    const upper = this.sizes[h + 1];
    const target = this.grow(h + 1, upper + promoted);
    let i = upper - 1;
    let j = promoted - 1;
    for (let at = upper + promoted - 1; j >= 0; at--) {
      const next = items[2 * j + offset];
      if (i >= 0 && target[i] > next) target[at] = target[i--];
      else {
        target[at] = next;
        j--;
      }
    }
    this.sizes[h + 1] = upper + promoted;
    if (size & 1) level[0] = items[size - 1];
    this.sizes[h] = size & 1;
    this.retained -= promoted;
  }
  /** The held items sorted by value, with their cumulative weights (what quantile and cdf read); not to be changed. */
  sortedItems() {
    if (this.view) return this.view;
    const count = this.retained;
    const values = new Float64Array(count);
    const weights = new Float64Array(count);
    let at = 0;
    for (let h = 0; h < this.levels.length; h++) {
      const level = this.levels[h];
      const weight = 2 ** h;
      for (let i = 0; i < this.sizes[h]; i++) {
        values[at] = level[i];
        weights[at++] = weight;
      }
    }
    const order = Array.from({ length: count }, (_, i) => i).sort((a, b) => values[a] - values[b]);
    const sortedValues = new Float64Array(count);
    const cumulative = new Float64Array(count);
    let sum = 0;
    for (let i = 0; i < count; i++) {
      const index = order[i];
      sortedValues[i] = values[index];
      sum += weights[index];
      cumulative[i] = sum;
    }
    this.view = { values: sortedValues, cumulative };
    return this.view;
  }
};
function copyValues(target, to, values, from, count) {
  for (let i = 0; i < count; i++) {
    const x = values[from + i];
    target[to + i] = x === 0 ? 0 : x;
  }
}
function sortLevel0(values, size) {
  let descents = 0;
  let previous = values[0];
  for (let i = 0; i < size; i++) {
    const value = values[i];
    descents += +(value < previous);
    previous = value;
  }
  if (descents === 0) return;
  const few = (size >>> 3) + 1;
  if (descents <= few || size - 1 - descents <= few) sortRange(values, 0, size - 1);
  else fastSort(values, 0, size - 1);
}
function fastSort(values, low, high) {
  while (high - low >= SMALL_SORT) {
    const middle = low + high >>> 1;
    const pivot = values[middle];
    values[middle] = values[high];
    let less = low;
    for (let i = low; i < high; i++) {
      const value = values[i];
      values[i] = values[less];
      values[less] = value;
      less += +(value < pivot);
    }
    values[high] = values[less];
    values[less] = pivot;
    let greater = less + 1;
    if (less - low < high - low >>> 3) {
      for (let i = greater; i <= high; i++) {
        const value = values[i];
        values[i] = values[greater];
        values[greater] = value;
        greater += +(value === pivot);
      }
    }
    if (less - low < high - greater) {
      fastSort(values, low, less - 1);
      low = greater;
    } else {
      fastSort(values, greater, high);
      high = less - 1;
    }
  }
  rankSort(values, low, high);
}
function rankSort(values, low, high) {
  for (let i = low; i <= high; i++) {
    const value = values[i];
    let place = 0;
    for (let j = low; j < i; j++) place += +(values[j] <= value);
    for (let j = i + 1; j <= high; j++) place += +(values[j] < value);
    ranked[place] = value;
  }
  for (let i = low; i <= high; i++) values[i] = ranked[i - low];
}
function sortRange(values, low, high) {
  while (high - low > 16) {
    const pivot = values[low + high >>> 1];
    let i = low;
    let j = high;
    while (i <= j) {
      while (values[i] < pivot) i++;
      while (values[j] > pivot) j--;
      if (i <= j) {
        const swap = values[i];
        values[i] = values[j];
        values[j] = swap;
        i++;
        j--;
      }
    }
    if (j - low < high - i) {
      sortRange(values, low, j);
      low = i;
    } else {
      sortRange(values, i, high);
      high = j;
    }
  }
  for (let i = low + 1; i <= high; i++) {
    const value = values[i];
    let j = i - 1;
    while (j >= low && values[j] > value) {
      values[j + 1] = values[j];
      j--;
    }
    values[j + 1] = value;
  }
}

// shared/src/profile/summary.ts
var Histogram = class _Histogram {
  constructor(edges) {
    this.edges = edges;
    this.counts = new Float64Array(edges.length + 1);
  }
  edges;
  counts;
  add(x) {
    const edges = this.edges;
    let bin = 0;
    while (bin < edges.length && edges[bin] < x) bin++;
    this.counts[bin] += 1;
  }
  /** add() for values[0 … count). */
  addBatch(values, count) {
    const edges = this.edges;
    const counts = this.counts;
    for (let i = 0; i < count; i++) {
      const x = values[i];
      let bin = 0;
      while (bin < edges.length && edges[bin] < x) bin++;
      counts[bin] += 1;
    }
  }
  sameEdges(other) {
    return sameEdges(this.edges, other.edges);
  }
  merge(other) {
    for (let i = 0; i < this.counts.length; i++) this.counts[i] += other.counts[i];
    return this;
  }
  toJSON() {
    return { edges: [...this.edges], counts: [...this.counts] };
  }
  static fromJSON(json) {
    if (json.counts.length !== json.edges.length + 1) throw new Error(`a histogram on ${json.edges.length} edges has ${json.counts.length} counts, not ${json.edges.length + 1}`);
    const histogram = new _Histogram(Float64Array.from(json.edges));
    histogram.counts.set(json.counts);
    return histogram;
  }
};
function sameEdges(a, b) {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}
var NumericSummary = class _NumericSummary {
  moments;
  quantiles;
  histogram;
  constructor(edges, moments = new Moments(), quantiles = new QuantileSketch()) {
    this.moments = moments;
    this.quantiles = quantiles;
    this.histogram = edges ? new Histogram(edges) : null;
  }
  add(x) {
    this.moments.add(x);
    this.quantiles.add(x);
    if (this.histogram !== null) this.histogram.add(x);
  }
  /** add() for values[0 … count), finite numbers, in order: the same summary, moments up to float rounding. */
  addBatch(values, count) {
    this.moments.addBatch(values, count);
    this.quantiles.addBatch(values, count);
    if (this.histogram !== null) this.histogram.addBatch(values, count);
  }
  merge(other) {
    this.moments.merge(other.moments);
    this.quantiles.merge(other.quantiles);
    this.histogram = this.histogram !== null && other.histogram !== null && this.histogram.sameEdges(other.histogram) ? this.histogram.merge(other.histogram) : null;
    return this;
  }
  toJSON() {
    const std = Math.sqrt(this.moments.variance);
    return { ...this.moments.toJSON(), std: Number.isFinite(std) ? std : null, quantiles: this.quantiles.toJSON(), histogram: this.histogram?.toJSON() ?? null };
  }
  toTimestampJSON() {
    const iso = (ms) => ms === null ? null : new Date(ms).toISOString();
    const json = this.toJSON();
    return { ...json, minIso: iso(json.min), maxIso: iso(json.max) };
  }
  static fromJSON(json) {
    const summary2 = new _NumericSummary(null, Moments.fromJSON(json), QuantileSketch.fromJSON(json.quantiles));
    summary2.histogram = json.histogram ? Histogram.fromJSON(json.histogram) : null;
    if (summary2.moments.count !== summary2.quantiles.n) throw new Error(`the summary counts ${summary2.moments.count} values but its quantile sketch ${summary2.quantiles.n}`);
    return summary2;
  }
};

// shared/src/profile/top-values.ts
var TOP_CAPACITY = 1e3;
function ownString(text) {
  return text.length < 13 ? text : (" " + text).slice(1);
}
var MAX_SLOTS = 2048;
var FIRST_SLOTS = 32;
var TOP_BATCH = 2048;
var BATCH_SLOTS = 2 * TOP_BATCH;
var TAG_STEP = 4096;
var BatchCounts = class {
  /** Distinct values counted since the last merge (entries 0 … size − 1, in the order first seen). */
  size = 0;
  /**
   * Entry i is entries[4i … 4i + 3]: its hash's high and low halves (unsigned), its count and the row where it
   * was first seen. One array, not four: the hot loop checks and addresses one typed array rather than four, and
   * an entry's hash and count share a cache line. Read (never written) by the merge and the distinct sketch.
   */
  entries = new Uint32Array(4 * TOP_BATCH);
  /**
   * The hash table, one int32 a slot: the run's tag plus the index + 1 of the entry in the slot (whose hash is
   * compared). A slot is taken only if its tag is the current run's, so emptying the table is a new tag, not a
   * pass over it; and the table is 16 KB, small enough to stay in cache.
   */
  table = new Int32Array(BATCH_SLOTS);
  tag = TAG_STEP;
  /**
   * Counts the non-null values [start … end) of `column` by their hashes, each new one under its row (at most
   * TOP_BATCH values between merges). The profile's hottest loop: the whole run in one call, with the table, the
   * entries, the tag and the size in locals (registers), not a call and a reload of the fields per value.
   * `hasNulls` false (the caller knows from its count) skips the kind test.
   */
  addRun(column, start, end, hasNulls) {
    const { highs: valueHighs, lows: valueLows, kinds } = column;
    const { table, entries, tag } = this;
    const mask = BATCH_SLOTS - 1;
    const kindMask = KIND;
    const nullKind = NULL;
    let size = this.size;
    values: for (let i = start; i < end; i++) {
      if (hasNulls && (kinds[i] & kindMask) === nullKind) continue;
      const high = valueHighs[i];
      const low = valueLows[i];
      let slot = (low ^ high >>> 11) & mask;
      for (; ; ) {
        const entry = table[slot] - tag - 1;
        if (entry >= size || entry < 0) break;
        const at2 = entry << 2;
        if (entries[at2 + 1] === low && entries[at2] === high) {
          entries[at2 + 2] += 1;
          continue values;
        }
        slot = slot + 1 & mask;
      }
      table[slot] = tag + size + 1;
      const at = size << 2;
      entries[at] = high;
      entries[at + 1] = low;
      entries[at + 2] = 1;
      entries[at + 3] = i;
      size++;
    }
    this.size = size;
  }
  clear() {
    this.size = 0;
    this.tag += TAG_STEP;
    if (this.tag > 2147483647 - TAG_STEP) {
      this.table.fill(0);
      this.tag = TAG_STEP;
    }
  }
};
var batchCounts = new BatchCounts();
var thresholdHistogram = new Float64Array(64);
var novelScratch = new Int32Array(TOP_BATCH);
var TopValues = class _TopValues {
  constructor(capacity = TOP_CAPACITY) {
    this.capacity = capacity;
    if (!Number.isInteger(capacity) || capacity < 1 || capacity > MAX_SLOTS / 2) throw new Error(`top values need a capacity from 1 to ${MAX_SLOTS / 2}, not ${capacity}`);
  }
  capacity;
  error = 0;
  size = 0;
  // The table starts small (a wide dataset has many columns) and doubles while under half full, up to MAX_SLOTS.
  slots = FIRST_SLOTS;
  high = new Uint32Array(FIRST_SLOTS);
  low = new Uint32Array(FIRST_SLOTS);
  counts = new Float64Array(FIRST_SLOTS);
  keys = new Array(FIRST_SLOTS).fill(void 0);
  // The other half of a double buffer that a purge rebuilds the table into (made at the first purge).
  spareHigh = new Uint32Array(0);
  spareLow = new Uint32Array(0);
  spareCounts = new Float64Array(0);
  spareKeys = [];
  /** Counts `key`, whose 64-bit hash (hashString) is (high, low). */
  addHashed(key, high, low) {
    const slot = this.find(high, low);
    if (slot >= 0) this.counts[slot] += 1;
    else if (this.size < this.capacity) this.insert(key, high, low, 1);
    else this.subtract(1);
  }
  /**
   * Merges the batch's counts (see {@link BatchCounts}) and empties it; `keyOf(row)` gives the text of the value
   * first seen at `row`, read only for values the summary keeps. While the summary and the batch hold at most
   * `capacity` distinct values together, every count stays exact (as value by value); past it, the
   * (capacity + 1)-th largest count is taken from every counter and added to `error`: Misra-Gries' merge, whose
   * bound holds for any split of the stream into batches.
   */
  mergeBatch(batch, keyOf) {
    const entries = batch.entries;
    const novel = novelScratch;
    let fresh = 0;
    for (let i = 0; i < batch.size; i++) {
      const slot = this.find(entries[4 * i], entries[4 * i + 1]);
      if (slot >= 0) this.counts[slot] += entries[4 * i + 2];
      else novel[fresh++] = i;
    }
    let threshold = 0;
    if (this.size + fresh > this.capacity) {
      threshold = this.threshold(entries, fresh);
      this.subtract(threshold);
    }
    for (let k = 0; k < fresh; k++) {
      const i = novel[k];
      const count = entries[4 * i + 2] - threshold;
      if (count > 0) this.insert(keyOf(entries[4 * i + 3]), entries[4 * i], entries[4 * i + 1], count);
    }
    batch.clear();
  }
  /** The slot holding the hash (high, low), or -1. */
  find(high, low) {
    const { counts, high: highs, low: lows } = this;
    const mask = this.slots - 1;
    let slot = (low ^ high >>> 11) & mask;
    while (counts[slot] !== 0) {
      if (lows[slot] === low && highs[slot] === high) return slot;
      slot = slot + 1 & mask;
    }
    return -1;
  }
  /** Adds a value the table does not hold, with `count`; the caller keeps the size within capacity. */
  insert(key, high, low, count) {
    if (2 * (this.size + 1) > this.slots && this.slots < MAX_SLOTS) this.resize(this.slots * 2);
    const counts = this.counts;
    const mask = this.slots - 1;
    let slot = (low ^ high >>> 11) & mask;
    while (counts[slot] !== 0) slot = slot + 1 & mask;
    counts[slot] = count;
    this.high[slot] = high;
    this.low[slot] = low;
    this.keys[slot] = ownString(key);
    this.size++;
  }
  /**
   * The (capacity + 1)-th largest of the summary's counts and the batch's `fresh` new ones (novelScratch[0 … fresh)).
   * Counts are integers and the threshold is small unless the column is heavily skewed, so a histogram of the
   * counts under 64 finds it in one pass; a sort only when 64 or more counts reach 64.
   */
  threshold(entries, fresh) {
    const rank = this.capacity + 1;
    const histogram = thresholdHistogram.fill(0);
    let large = 0;
    let integral = true;
    const tally = (count) => {
      if (count < 64) histogram[count] += 1;
      else large++;
      if (count !== Math.floor(count)) integral = false;
    };
    const counts = this.counts;
    for (let slot = 0; slot < this.slots; slot++) if (counts[slot] !== 0) tally(counts[slot]);
    let ones = 0;
    for (let k = 0; k < fresh; k++) {
      const count = entries[4 * novelScratch[k] + 2];
      if (count === 1) ones++;
      else tally(count);
    }
    histogram[1] += ones;
    if (large < rank && integral) {
      let atLeast = large;
      for (let count = 63; count >= 1; count--) {
        atLeast += histogram[count];
        if (atLeast >= rank) return count;
      }
    }
    const all = [];
    for (let slot = 0; slot < this.slots; slot++) if (counts[slot] !== 0) all.push(counts[slot]);
    for (let k = 0; k < fresh; k++) all.push(entries[4 * novelScratch[k] + 2]);
    return all.sort((a, b) => b - a)[this.capacity];
  }
  add(key) {
    hashString(key);
    this.addHashed(key, hash.high, hash.low);
  }
  merge(other) {
    if (other.capacity !== this.capacity) throw new Error(`cannot merge top-value summaries of capacity ${this.capacity} and ${other.capacity}`);
    const combined = new Map(this.entries());
    for (const [key, count] of other.entries()) combined.set(key, (combined.get(key) ?? 0) + count);
    let error2 = this.error + other.error;
    let kept = [...combined];
    if (kept.length > this.capacity) {
      const threshold = kept.map(([, count]) => count).sort((a, b) => b - a)[this.capacity];
      kept = kept.filter(([, count]) => count > threshold).map(([key, count]) => [key, count - threshold]);
      error2 += threshold;
    }
    this.load(kept);
    this.error = error2;
    return this;
  }
  /** Whether every count is exact. */
  get exact() {
    return this.error === 0;
  }
  /** Values tracked. */
  get tracked() {
    return this.size;
  }
  /** The tracked values with their (under)estimated counts, by count descending, then value. */
  items() {
    return [...this.entries()].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
  }
  toJSON() {
    return { capacity: this.capacity, error: this.error, items: this.items() };
  }
  static fromJSON(json) {
    const top = new _TopValues(json.capacity);
    if (json.items.length > json.capacity) throw new Error(`the top values hold ${json.items.length} items, more than their capacity ${json.capacity}`);
    top.load(json.items);
    top.error = json.error;
    return top;
  }
  *entries() {
    for (let slot = 0; slot < this.slots; slot++) if (this.counts[slot] !== 0) yield [this.keys[slot], this.counts[slot]];
  }
  load(items) {
    let slots = FIRST_SLOTS;
    while (2 * items.length > slots && slots < MAX_SLOTS) slots *= 2;
    this.allocate(slots);
    this.size = 0;
    const mask = slots - 1;
    for (const [key, count] of items) {
      if (!(count > 0)) throw new Error(`the top values count ${JSON.stringify(key)} ${count} times`);
      hashString(key);
      let slot = (hash.low ^ hash.high >>> 11) & mask;
      while (this.counts[slot] !== 0) {
        if (this.keys[slot] === key) throw new Error(`the top values list ${JSON.stringify(key)} twice`);
        slot = slot + 1 & mask;
      }
      this.counts[slot] = count;
      this.high[slot] = hash.high;
      this.low[slot] = hash.low;
      this.keys[slot] = key;
      this.size++;
    }
  }
  allocate(slots) {
    this.slots = slots;
    this.high = new Uint32Array(slots);
    this.low = new Uint32Array(slots);
    this.counts = new Float64Array(slots);
    this.keys = new Array(slots).fill(void 0);
    this.spareHigh = new Uint32Array(0);
    this.spareLow = new Uint32Array(0);
    this.spareCounts = new Float64Array(0);
    this.spareKeys = [];
  }
  /** Moves the counters into a table of `slots` slots, by the hashes they were stored under. */
  resize(slots) {
    const { high, low, counts, keys } = this;
    const previous = this.slots;
    this.allocate(slots);
    const mask = slots - 1;
    for (let slot = 0; slot < previous; slot++) {
      if (counts[slot] === 0) continue;
      const h = high[slot];
      const l = low[slot];
      let target = (l ^ h >>> 11) & mask;
      while (this.counts[target] !== 0) target = target + 1 & mask;
      this.counts[target] = counts[slot];
      this.high[target] = h;
      this.low[target] = l;
      this.keys[target] = keys[slot];
    }
  }
  /** Subtracts `amount` from every counter and rebuilds the table from the ones left positive. */
  subtract(amount) {
    this.error += amount;
    if (this.spareCounts.length !== this.slots) {
      this.spareHigh = new Uint32Array(this.slots);
      this.spareLow = new Uint32Array(this.slots);
      this.spareCounts = new Float64Array(this.slots);
      this.spareKeys = new Array(this.slots).fill(void 0);
    }
    const { high, low, counts, keys, spareHigh, spareLow, spareCounts, spareKeys } = this;
    const mask = this.slots - 1;
    spareCounts.fill(0);
    let size = 0;
    for (let slot = 0; slot < this.slots; slot++) {
      const left = counts[slot] - amount;
      if (left > 0) {
        const h = high[slot];
        const l = low[slot];
        let target = (l ^ h >>> 11) & mask;
        while (spareCounts[target] !== 0) target = target + 1 & mask;
        spareCounts[target] = left;
        spareHigh[target] = h;
        spareLow[target] = l;
        spareKeys[target] = keys[slot];
        size++;
      }
      keys[slot] = void 0;
    }
    this.high = spareHigh;
    this.low = spareLow;
    this.counts = spareCounts;
    this.keys = spareKeys;
    this.spareHigh = high;
    this.spareLow = low;
    this.spareCounts = counts;
    this.spareKeys = keys;
    this.size = size;
  }
};

// shared/src/profile/column.ts
var INVALID_TOLERANCE = 0.01;
function inferType(kinds) {
  const total = kinds.integer + kinds.decimal + kinds.boolean + kinds.timestamp + kinds.text;
  const allowed = INVALID_TOLERANCE * total;
  const numbers = kinds.integer + kinds.decimal;
  if (total > 0) {
    if (kinds.decimal === 0 && total - kinds.integer <= allowed) return { type: "integer", invalid: total - kinds.integer };
    if (total - numbers <= allowed) return { type: "number", invalid: total - numbers };
    if (total - kinds.boolean <= allowed) return { type: "boolean", invalid: total - kinds.boolean };
    if (total - kinds.timestamp <= allowed) return { type: "timestamp", invalid: total - kinds.timestamp };
  }
  return { type: "string", invalid: 0 };
}
var numberScratch = new Float64Array(TOP_BATCH);
var stampScratch = new Float64Array(TOP_BATCH);
var ColumnAccumulator = class _ColumnAccumulator {
  constructor(name, edges = null) {
    this.name = name;
    this.edges = edges;
  }
  name;
  edges;
  count = 0;
  nulls = 0;
  integer = 0;
  decimal = 0;
  boolean = 0;
  timestamp = 0;
  text = 0;
  minLength = Infinity;
  maxLength = -Infinity;
  numeric = null;
  timestamps = null;
  distinct = new DistinctSketch();
  top = new TopValues();
  /** Adds a batch's values of this column, in order. */
  addColumn(column) {
    for (let start = 0; start < column.size; start += TOP_BATCH) this.addRun(column, start, Math.min(column.size, start + TOP_BATCH));
  }
  /** Adds `count` nulls (rows that lacked the column). */
  addNulls(count) {
    this.count += count;
    this.nulls += count;
  }
  /** Adds one value (for callers with values one at a time; batches go through addColumn). */
  add(value) {
    this.addColumn(typedColumnOf([[value]], 0));
  }
  /**
   * Adds values [start … end) (at most TOP_BATCH). The hot loop: each value was classified, read and hashed once
   * by the reader (TypedColumn); here its kind is counted, its hash goes to the batch's exact counts, and numbers
   * and timestamps to scratch arrays. The distinct sketch then takes the run's distinct hashes, the summaries its
   * numbers in bulk (moments by two passes, the quantile sketch by block copies) and the top values merge the
   * run's counts. Nothing is allocated per value, and no value's text is made unless the top values keep it.
   */
  addRun(column, start, end) {
    const { kinds, numbers: values, lengths } = column;
    const distinct = this.distinct;
    const counts = batchCounts;
    let numbers = 0;
    let stamps = 0;
    let nulls = 0;
    let integer = 0;
    let decimal = 0;
    let boolean = 0;
    let timestamp = 0;
    let text = 0;
    let minLength = this.minLength;
    let maxLength = this.maxLength;
    for (let i = start; i < end; i++) {
      const kind = kinds[i] & KIND;
      if (kind === NULL) {
        nulls++;
        continue;
      }
      if (kind === INTEGER) {
        integer++;
        numberScratch[numbers++] = values[i];
      } else if (kind === DECIMAL2) {
        decimal++;
        numberScratch[numbers++] = values[i];
      } else if (kind === TIMESTAMP) {
        timestamp++;
        stampScratch[stamps++] = values[i];
      } else if (kind === BOOLEAN) {
        boolean++;
      } else {
        text++;
      }
      const length = lengths[i];
      if (length < minLength) minLength = length;
      if (length > maxLength) maxLength = length;
    }
    counts.addRun(column, start, end, nulls > 0);
    const entries = counts.entries;
    for (let k = 0; k < counts.size; k++) distinct.addHash(entries[4 * k], entries[4 * k + 1]);
    this.count += end - start;
    this.nulls += nulls;
    this.integer += integer;
    this.decimal += decimal;
    this.boolean += boolean;
    this.timestamp += timestamp;
    this.text += text;
    this.minLength = minLength;
    this.maxLength = maxLength;
    if (numbers > 0) (this.numeric ??= new NumericSummary(this.edges)).addBatch(numberScratch, numbers);
    if (stamps > 0) (this.timestamps ??= new NumericSummary(this.edges)).addBatch(stampScratch, stamps);
    this.top.mergeBatch(counts, (i) => column.canonicalText(i));
  }
  merge(other) {
    this.count += other.count;
    this.nulls += other.nulls;
    this.integer += other.integer;
    this.decimal += other.decimal;
    this.boolean += other.boolean;
    this.timestamp += other.timestamp;
    this.text += other.text;
    if (other.minLength < this.minLength) this.minLength = other.minLength;
    if (other.maxLength > this.maxLength) this.maxLength = other.maxLength;
    this.numeric = mergeSummaries(this.numeric, other.numeric);
    this.timestamps = mergeSummaries(this.timestamps, other.timestamps);
    this.distinct.merge(other.distinct);
    this.top.merge(other.top);
    return this;
  }
  get kinds() {
    return { integer: this.integer, decimal: this.decimal, boolean: this.boolean, timestamp: this.timestamp, text: this.text };
  }
  toJSON() {
    const kinds = this.kinds;
    const { type, invalid } = inferType(kinds);
    return {
      name: this.name,
      type,
      count: this.count,
      nulls: this.nulls,
      invalid,
      kinds,
      length: this.count > this.nulls ? { min: this.minLength, max: this.maxLength } : null,
      numeric: this.numeric?.toJSON() ?? null,
      timestamps: this.timestamps?.toTimestampJSON() ?? null,
      distinct: { estimate: this.distinct.estimate(), exact: this.distinct.exact, sketch: this.distinct.toJSON() },
      top: this.top.toJSON()
    };
  }
  static fromJSON(json) {
    const column = new _ColumnAccumulator(json.name);
    column.count = json.count;
    column.nulls = json.nulls;
    Object.assign(column, json.kinds);
    const values = json.count - json.nulls;
    const kinds = json.kinds.integer + json.kinds.decimal + json.kinds.boolean + json.kinds.timestamp + json.kinds.text;
    if (kinds !== values) throw new Error(`its kinds count ${kinds} values, but count − nulls is ${values}`);
    if (json.length) {
      column.minLength = json.length.min;
      column.maxLength = json.length.max;
    }
    column.numeric = json.numeric ? NumericSummary.fromJSON(json.numeric) : null;
    column.timestamps = json.timestamps ? NumericSummary.fromJSON(json.timestamps) : null;
    if ((column.numeric?.moments.count ?? 0) !== json.kinds.integer + json.kinds.decimal) throw new Error("its numeric summary does not count its integer and decimal values");
    if ((column.timestamps?.moments.count ?? 0) !== json.kinds.timestamp) throw new Error("its timestamp summary does not count its timestamp values");
    column.distinct = DistinctSketch.fromJSON(json.distinct.sketch);
    column.top = TopValues.fromJSON(json.top);
    return column;
  }
};
function mergeSummaries(a, b) {
  if (b === null) return a;
  const copy = NumericSummary.fromJSON(b.toJSON());
  return a === null ? copy : a.merge(copy);
}

// shared/src/profile/profile.ts
var PROFILE_SCHEMA_VERSION = 1;
function checkProfile(data, file, label) {
  if (typeof data === "object" && data !== null && !Array.isArray(data) && "schemaVersion" in data && data.schemaVersion !== PROFILE_SCHEMA_VERSION) {
    throw new ConfigurationError(
      `${label}: ${quote(file)} has schemaVersion ${JSON.stringify(data.schemaVersion)}; this version reads ${PROFILE_SCHEMA_VERSION} (profile the data again with this version)`,
      { file }
    );
  }
  assertMatchesSchema(profile_schema_default, data, file, label);
  for (const column of data.columns) {
    try {
      ColumnAccumulator.fromJSON(column);
    } catch (error2) {
      throw new ConfigurationError(`${label}: ${quote(file)} column ${quote(column.name)} is inconsistent: ${error2.message}`);
    }
  }
  return data;
}

// shared/src/run-record.ts
import { readFile as readFile2 } from "node:fs/promises";

// shared/schemas/run-record.schema.json
var run_record_schema_default = {
  $schema: "http://json-schema.org/draft-07/schema#",
  $id: "https://github.com/mlops-actions/mlops-actions/shared/schemas/run-record.schema.json",
  title: "mlops-actions run record (run.json)",
  description: "What one training run did: written by the train action, read by evaluate-gate and promote.",
  type: "object",
  additionalProperties: false,
  required: ["schemaVersion", "runId", "status", "startedAt", "durationSeconds", "command", "workingDirectory", "exitCode", "peakMemoryBytes", "git", "event", "cacheKey", "inputs", "params", "metrics", "model", "predictions", "runner", "github"],
  properties: {
    schemaVersion: { const: 1 },
    runId: { type: "string", minLength: 1, description: "Unique id of this training run." },
    status: { enum: ["succeeded", "failed", "timed-out"] },
    startedAt: { type: "string", pattern: "^\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}(\\.\\d+)?Z$", description: "When the command started, UTC, ISO 8601." },
    durationSeconds: { type: "number", minimum: 0, description: "Wall time of the training command." },
    command: { type: "string", description: "The bash script that was run." },
    workingDirectory: { type: "string", description: "Where it ran, relative to the workspace ('.' for the workspace itself)." },
    exitCode: { type: "integer", description: "The command's exit code; 128 + N when signal N ended it." },
    peakMemoryBytes: { type: ["integer", "null"], minimum: 0, description: "Peak resident memory of the command's process group, sampled from /proc (every 5 ms at first, then up to every 100 ms); null where it cannot be measured." },
    git: {
      type: "object",
      additionalProperties: false,
      required: ["sha", "ref"],
      properties: { sha: { type: ["string", "null"] }, ref: { type: ["string", "null"] } }
    },
    event: { type: "string", description: "The event that started the workflow run, or 'local'." },
    cacheKey: { type: "string", description: "The content-addressed key: prefix, runner OS and the digest of command, parameters, inputs and output paths." },
    inputs: {
      type: "object",
      additionalProperties: false,
      required: ["patterns", "digest", "files"],
      properties: {
        patterns: { type: "array", items: { type: "string" } },
        digest: { $ref: "#/definitions/digest" },
        files: { type: "object", additionalProperties: { $ref: "#/definitions/digest" }, description: "Digest of each input file by its path relative to the working directory." }
      }
    },
    params: {
      type: ["object", "null"],
      additionalProperties: false,
      required: ["path", "digest", "values"],
      properties: {
        path: { type: "string" },
        digest: { $ref: "#/definitions/digest" },
        values: { type: "object", description: "The parameters, nested keys flattened with dots." }
      }
    },
    metrics: {
      type: ["object", "null"],
      additionalProperties: false,
      required: ["path", "values"],
      properties: {
        path: { type: "string" },
        values: { type: "object", additionalProperties: { type: "number" } }
      }
    },
    model: { oneOf: [{ type: "null" }, { $ref: "#/definitions/artifact" }] },
    predictions: { oneOf: [{ type: "null" }, { $ref: "#/definitions/artifact" }] },
    runner: {
      type: "object",
      additionalProperties: false,
      required: ["os", "arch", "name", "node"],
      properties: {
        os: { type: "string" },
        arch: { type: "string" },
        name: { type: ["string", "null"] },
        node: { type: "string" }
      }
    },
    github: {
      type: ["object", "null"],
      additionalProperties: false,
      required: ["repository", "workflow", "job", "runId", "runAttempt", "url"],
      properties: {
        repository: { type: ["string", "null"] },
        workflow: { type: ["string", "null"] },
        job: { type: ["string", "null"] },
        runId: { type: ["string", "null"] },
        runAttempt: { type: ["string", "null"] },
        url: { type: ["string", "null"] }
      }
    }
  },
  definitions: {
    digest: { type: "string", pattern: "^sha256:[0-9a-f]{64}$" },
    artifact: {
      type: "object",
      additionalProperties: false,
      required: ["path", "kind", "digest", "sizeBytes"],
      properties: {
        path: { type: "string", description: "Relative to the working directory." },
        kind: { enum: ["file", "folder"] },
        digest: { $ref: "#/definitions/digest", description: "sha256 of the file, or of the folder's sha256sum manifest (see docs)." },
        sizeBytes: { type: "integer", minimum: 0 }
      }
    }
  }
};

// shared/src/run-record.ts
async function readRunRecord(file, label) {
  let text;
  try {
    text = await readFile2(file, "utf8");
  } catch {
    throw new ConfigurationError(`${label}: the run record ${quote(file)} does not exist or cannot be read`);
  }
  let data;
  try {
    data = JSON.parse(text);
  } catch (error2) {
    throw new ConfigurationError(`${label}: the run record ${quote(file)} is not valid JSON: ${error2.message}`);
  }
  assertMatchesSchema(run_record_schema_default, data, file, label);
  return data;
}

// shared/src/runtime/artifact.ts
import { cp, mkdir } from "node:fs/promises";
import path3 from "node:path";
var actionsArtifactUploader = {
  description: "GitHub Actions artifacts",
  async upload(name, files, rootDirectory) {
    const { DefaultArtifactClient } = await import("./chunks/artifact-AMQCCTDD.js");
    try {
      const response = await new DefaultArtifactClient().uploadArtifact(name, files, rootDirectory);
      return { id: response.id, size: response.size };
    } catch (error2) {
      throw new ServiceError(`artifact-name: uploading the artifact ${JSON.stringify(name)} failed: ${error2.message}`);
    }
  }
};
function localFolderArtifacts(directory) {
  return {
    description: `the local artifact folder ${directory}`,
    async upload(name, files, rootDirectory) {
      const target = path3.join(directory, name);
      for (const file of files) {
        const destination = path3.join(target, path3.relative(rootDirectory, file));
        await mkdir(path3.dirname(destination), { recursive: true });
        await cp(file, destination, { recursive: true });
      }
      return { location: target };
    }
  };
}
function selectArtifactUploader(env) {
  if (env["ACTIONS_RUNTIME_TOKEN"] && env["ACTIONS_RESULTS_URL"]) return actionsArtifactUploader;
  if (env["MLOPS_ARTIFACT_DIR"]) return localFolderArtifacts(path3.resolve(env["MLOPS_ARTIFACT_DIR"]));
  return void 0;
}

// shared/src/runtime/cache.ts
import { createHash as createHash2 } from "node:crypto";
import { cp as cp2, mkdir as mkdir2, readFile as readFile3, rename, rm, writeFile } from "node:fs/promises";
import path4 from "node:path";
var loadCacheModule = () => import("./chunks/cache-XHIDYYOZ.js");
function actionsCacheService(logger) {
  let restoreFailed = false;
  return {
    description: "the GitHub Actions cache",
    async restore(paths, key) {
      const actionsCache = await loadCacheModule();
      const { result, printed } = await watchStdout(() => actionsCache.restoreCache(paths, key));
      restoreFailed = /^::(warning|error)::Failed to restore/m.test(printed);
      return result;
    },
    async save(paths, key) {
      if (restoreFailed) {
        logger.info("Not saving to the cache: the cache service failed when it was asked for this key.");
        return;
      }
      const actionsCache = await loadCacheModule();
      try {
        await actionsCache.saveCache(paths, key);
      } catch (error2) {
        if (error2 instanceof actionsCache.ValidationError) throw error2;
        throw new CacheSaveSkipped(error2.message);
      }
    }
  };
}
async function watchStdout(fn) {
  const chunks = [];
  const write = process.stdout.write.bind(process.stdout);
  process.stdout.write = ((chunk, ...rest) => {
    chunks.push(typeof chunk === "string" ? chunk : Buffer.from(chunk).toString("utf8"));
    return write(chunk, ...rest);
  });
  try {
    return { result: await fn(), printed: chunks.join("") };
  } finally {
    process.stdout.write = write;
  }
}
var CacheSaveSkipped = class extends Error {
  name = "CacheSaveSkipped";
};
function localFolderCache(directory, workspace) {
  const entryDir = (key) => path4.join(directory, createHash2("sha256").update(key).digest("hex"));
  return {
    description: `the local cache folder ${directory}`,
    async restore(paths, key) {
      const dir = entryDir(key);
      let manifest2;
      try {
        manifest2 = JSON.parse(await readFile3(path4.join(dir, "entry.json"), "utf8"));
      } catch {
        return void 0;
      }
      if (manifest2.key !== key) return void 0;
      const wanted = paths.map((p) => path4.relative(workspace, path4.resolve(workspace, p)));
      if (JSON.stringify(wanted) !== JSON.stringify(manifest2.paths)) return void 0;
      for (const [index, relative] of manifest2.paths.entries()) {
        const target = path4.resolve(workspace, relative);
        await rm(target, { recursive: true, force: true });
        await mkdir2(path4.dirname(target), { recursive: true });
        await cp2(path4.join(dir, "files", String(index)), target, { recursive: true });
      }
      return key;
    },
    async save(paths, key) {
      const dir = entryDir(key);
      const staging = `${dir}.tmp-${process.pid}-${Date.now()}`;
      const relative = paths.map((p) => path4.relative(workspace, path4.resolve(workspace, p)));
      await mkdir2(path4.join(staging, "files"), { recursive: true });
      for (const [index, p] of paths.entries()) {
        await cp2(path4.resolve(workspace, p), path4.join(staging, "files", String(index)), { recursive: true });
      }
      await writeFile(path4.join(staging, "entry.json"), JSON.stringify({ key, paths: relative }));
      await rm(dir, { recursive: true, force: true });
      await rename(staging, dir);
    }
  };
}
function noCache(reason, logger) {
  let warned = false;
  const warnOnce = () => {
    if (!warned) logger.warning(`No cache service: ${reason}. Training runs every time.`);
    warned = true;
  };
  return {
    description: "no cache",
    restore: async () => {
      warnOnce();
      return void 0;
    },
    save: async () => warnOnce()
  };
}
function selectCache(env, workspace, logger) {
  if (cacheServiceAvailable(env)) return actionsCacheService(logger);
  const localDir = env["MLOPS_CACHE_DIR"];
  if (localDir) return localFolderCache(path4.resolve(localDir), workspace);
  return noCache("not on a GitHub runner (ACTIONS_CACHE_URL and ACTIONS_RESULTS_URL are unset) and MLOPS_CACHE_DIR is not set", logger);
}
function cacheServiceAvailable(env) {
  return env["ACTIONS_CACHE_SERVICE_V2"] ? Boolean(env["ACTIONS_RESULTS_URL"]) : Boolean(env["ACTIONS_CACHE_URL"]);
}

// shared/src/runtime/command.ts
import { spawn } from "node:child_process";
import { constants } from "node:os";

// shared/src/runtime/memory.ts
import { readdirSync, readFileSync } from "node:fs";
var FIRST_INTERVAL_MS = 5;
var MAX_INTERVAL_MS = 100;
var ProcessGroupMemorySampler = class {
  constructor(groupId) {
    this.groupId = groupId;
    if (!this.supported) return;
    this.tick(FIRST_INTERVAL_MS);
  }
  groupId;
  peakBytes = 0;
  timer;
  supported = process.platform === "linux";
  /** Stops sampling and returns the peak in bytes. */
  stop() {
    if (!this.supported) return void 0;
    clearTimeout(this.timer);
    this.timer = void 0;
    return this.peakBytes > 0 ? this.peakBytes : void 0;
  }
  tick(interval) {
    this.sample();
    this.timer = setTimeout(() => this.tick(Math.min(interval * 2, MAX_INTERVAL_MS)), interval);
    this.timer.unref();
  }
  sample() {
    let residentSum = 0;
    for (const pid of this.groupMembers()) {
      const status = readOrEmpty(`/proc/${pid}/status`);
      const resident = kilobytesField(status, "VmRSS");
      const highWater = kilobytesField(status, "VmHWM");
      residentSum += resident;
      this.peakBytes = Math.max(this.peakBytes, highWater * 1024);
    }
    this.peakBytes = Math.max(this.peakBytes, residentSum * 1024);
  }
  *groupMembers() {
    let entries;
    try {
      entries = readdirSync("/proc");
    } catch {
      return;
    }
    for (const pid of entries) {
      if (!/^\d+$/.test(pid)) continue;
      const stat6 = readOrEmpty(`/proc/${pid}/stat`);
      const fields = stat6.slice(stat6.lastIndexOf(")") + 2).split(" ");
      if (Number(fields[2]) === this.groupId) yield pid;
    }
  }
};
function readOrEmpty(path11) {
  try {
    return readFileSync(path11, "utf8");
  } catch {
    return "";
  }
}
function kilobytesField(status, field) {
  const match = new RegExp(`^${field}:\\s+(\\d+) kB`, "m").exec(status);
  return match ? Number(match[1]) : 0;
}

// shared/src/runtime/command.ts
var KILL_GRACE_MS = 5e3;
var bashCommandRunner = {
  run: (spec) => runInProcessGroup(spec)
};
function runInProcessGroup(spec) {
  const started = process.hrtime.bigint();
  const child = spawn("bash", ["--noprofile", "--norc", "-eo", "pipefail", "-c", spec.script], {
    cwd: spec.cwd,
    env: spec.env,
    stdio: ["ignore", "inherit", "inherit"],
    detached: true
    // a new process group whose id is the child's pid
  });
  const sampler = child.pid === void 0 ? void 0 : new ProcessGroupMemorySampler(child.pid);
  let timedOut = false;
  let killTimer;
  const signalGroup = (signal) => {
    if (child.pid === void 0) return;
    try {
      process.kill(-child.pid, signal);
    } catch {
    }
  };
  const stopGroup = () => {
    signalGroup("SIGTERM");
    killTimer ??= setTimeout(() => signalGroup("SIGKILL"), spec.killGraceMs ?? KILL_GRACE_MS);
  };
  const timeoutTimer = spec.timeoutMs === void 0 ? void 0 : setTimeout(() => {
    timedOut = true;
    stopGroup();
  }, spec.timeoutMs);
  const forward = (signal) => {
    signalGroup(signal);
    stopGroup();
  };
  process.on("SIGINT", forward);
  process.on("SIGTERM", forward);
  return new Promise((resolve, reject) => {
    child.once("error", (error2) => {
      cleanUp();
      reject(error2);
    });
    child.once("exit", (code, signal) => {
      cleanUp();
      if (timedOut) signalGroup("SIGKILL");
      const signalNumber = signal ? constants.signals[signal] ?? 0 : 0;
      resolve({
        exitCode: code ?? 128 + signalNumber,
        signal: signal ?? void 0,
        timedOut,
        durationMs: Number(process.hrtime.bigint() - started) / 1e6,
        peakMemoryBytes: sampler?.stop()
      });
    });
  });
  function cleanUp() {
    if (timeoutTimer) clearTimeout(timeoutTimer);
    if (killTimer) clearTimeout(killTimer);
    process.off("SIGINT", forward);
    process.off("SIGTERM", forward);
  }
}

// shared/src/runtime/context.ts
import { readFileSync as readFileSync2 } from "node:fs";
import os from "node:os";
function readRunContext(env = process.env) {
  const eventPath = env["GITHUB_EVENT_PATH"];
  let payload = {};
  if (eventPath) {
    try {
      payload = JSON.parse(readFileSync2(eventPath, "utf8"));
    } catch (error2) {
      throw new ConfigurationError(`GITHUB_EVENT_PATH ${JSON.stringify(eventPath)}: cannot read the event payload as JSON (${error2.message})`);
    }
  }
  const workspace = env["GITHUB_WORKSPACE"] || process.cwd();
  return {
    eventName: env["GITHUB_EVENT_NAME"] || "local",
    sha: env["GITHUB_SHA"] || void 0,
    ref: env["GITHUB_REF"] || void 0,
    repository: env["GITHUB_REPOSITORY"] || void 0,
    serverUrl: env["GITHUB_SERVER_URL"] || "https://github.com",
    apiUrl: env["GITHUB_API_URL"] || "https://api.github.com",
    workflow: env["GITHUB_WORKFLOW"] || void 0,
    job: env["GITHUB_JOB"] || void 0,
    runId: env["GITHUB_RUN_ID"] || void 0,
    runAttempt: env["GITHUB_RUN_ATTEMPT"] || void 0,
    actor: env["GITHUB_ACTOR"] || void 0,
    workspace,
    tempDir: env["RUNNER_TEMP"] || os.tmpdir(),
    runnerOs: env["RUNNER_OS"] || runnerOsName(process.platform),
    runnerArch: env["RUNNER_ARCH"] || runnerArchName(process.arch),
    runnerName: env["RUNNER_NAME"] || void 0,
    onRunner: env["GITHUB_ACTIONS"] === "true",
    payload
  };
}
function runnerOsName(platform) {
  return platform === "win32" ? "Windows" : platform === "darwin" ? "macOS" : platform === "linux" ? "Linux" : platform;
}
function runnerArchName(arch) {
  return { x64: "X64", arm64: "ARM64", arm: "ARM", ia32: "X86" }[arch] ?? arch;
}
function workflowRunUrlOf(context) {
  const { repository, runId, serverUrl, onRunner } = context;
  return onRunner && repository && runId ? `${serverUrl.replace(/\/+$/, "")}/${repository}/actions/runs/${runId}` : null;
}

// shared/src/runtime/io.ts
var actionsInputs = {
  get: (name) => getInput(name)
};
var actionsOutputs = {
  set: (name, value) => setOutput(name, String(value))
};
function actionsSummary() {
  const parts = [];
  return {
    append: (markdown) => {
      parts.push(markdown);
    },
    write: async () => {
      if (parts.length === 0) return;
      const markdown = parts.join("\n");
      parts.length = 0;
      if (process.env["GITHUB_STEP_SUMMARY"]) {
        await summary.addRaw(markdown, true).write();
      } else {
        info(`Job summary (GITHUB_STEP_SUMMARY is not set):
${markdown}`);
      }
    }
  };
}

// shared/src/runtime/logger.ts
function annotation(where) {
  if (!where) return void 0;
  return {
    file: where.file,
    startLine: where.line,
    endLine: where.endLine,
    startColumn: where.column,
    title: where.title
  };
}
function oneLine(message) {
  return message.replace(/\r/g, "%0D").replace(/\n/g, "%0A");
}
var actionsLogger = {
  // core.debug, warning and error escape their text as command data; info writes it as it is.
  debug: (message) => debug(message),
  info: (message) => info(oneLine(message)),
  warning: (message, where) => warning(message, annotation(where)),
  error: (message, where) => error(message, annotation(where)),
  group: (name, fn) => group(name, fn),
  mask: (secret) => setSecret(secret)
};

// shared/src/runtime/run-wrapper.ts
async function runWrapper(actionName, main) {
  try {
    await main();
  } catch (error2) {
    if (error2 instanceof ReportedFailure) {
      const message = error2.message.replace(/\s*\n\s*/g, " ");
      const position = error2.position;
      if (position) error(message, { file: position.file, ...position.line !== void 0 ? { startLine: position.line } : {} });
      else error(message);
      process.exitCode = error2.exitCode;
    } else {
      const stack = error2 instanceof Error ? error2.stack ?? error2.message : String(error2);
      setFailed(`${actionName}: unexpected error, please report it with this log: ${stack}`);
    }
  }
}

// shared/src/runtime/index.ts
function createActionRuntime(env = process.env) {
  const context = readRunContext(env);
  let cache;
  return {
    logger: actionsLogger,
    inputs: actionsInputs,
    outputs: actionsOutputs,
    summary: actionsSummary(),
    context,
    commands: bashCommandRunner,
    clock: { now: () => Date.now() },
    env,
    cache: () => cache ??= selectCache(env, context.workspace, actionsLogger),
    artifacts: () => selectArtifactUploader(env)
  };
}

// shared/src/registry/tags.ts
var NAME = "[a-zA-Z0-9](?:[a-zA-Z0-9_/-]*[a-zA-Z0-9])?";
var DIR = "[a-zA-Z0-9_./-]+";
var NUMBER = "(?:0|[1-9][0-9]*)";
var PRE_ID = "(?:0|[1-9][0-9]*|[0-9]*[a-zA-Z-][0-9a-zA-Z-]*)";
var BUILD_ID = "[0-9a-zA-Z-]+";
var SEMVER = `${NUMBER}\\.${NUMBER}\\.${NUMBER}(?:-${PRE_ID}(?:\\.${PRE_ID})*)?(?:\\+${BUILD_ID}(?:\\.${BUILD_ID})*)?`;
var NAME_RE = new RegExp(`^${NAME}$`);
var MODEL_RE = new RegExp(`^(?:${DIR}:)?${NAME}$`);
var VERSION_RE = new RegExp(`^v${SEMVER}$`);
var TAG_RE = new RegExp(
  `^(?<artifact>(?:${DIR}=)?${NAME})(?:(?:#(?<stage>${NAME})|@(?<version>v${SEMVER}))(?<cancel>!?)|@(?<special>deprecated|created))(?:#(?<counter>[0-9]+))?$`
);
function modelToTagPart(model) {
  return model.replace(":", "=");
}
function tagPartToModel(part) {
  return part.replace("=", ":");
}
function parseTag(name) {
  const match = TAG_RE.exec(name);
  if (!match?.groups) return void 0;
  const { artifact, stage, version, cancel, special, counter } = match.groups;
  if (artifact === void 0) return void 0;
  const model = tagPartToModel(artifact);
  const common = { tag: name, model, ...counter !== void 0 ? { counter: Number(counter) } : {} };
  if (version !== void 0) return { kind: cancel === "!" ? "deregister" : "register", ...common, version };
  if (stage !== void 0) return { kind: cancel === "!" ? "unassign" : "assign", ...common, stage };
  if (special === "deprecated") return { kind: "deprecate", ...common };
  return { kind: "create", ...common };
}
function isValidModelName(model) {
  return MODEL_RE.test(model) && isSafeRefPart(model);
}
function isValidStage(stage) {
  return NAME_RE.test(stage) && isSafeRefPart(stage);
}
function isValidVersion(version) {
  return VERSION_RE.test(version);
}
function isSafeRefPart(value) {
  return !value.includes("..") && !value.includes("//") && !value.split(/[/:=]/).some((part) => part.startsWith(".") || part.endsWith(".lock"));
}
function assertModelName(model, label = "model name") {
  if (!isValidModelName(model)) {
    throw new ConfigurationError(
      `${label} ${quote(model)} is not a GTO artifact name: expected letters, digits, '-', '_' or '/', starting and ending with a letter or digit, optionally after '<folder>:'`
    );
  }
}
function assertStage(stage, label = "stage") {
  if (!isValidStage(stage)) {
    throw new ConfigurationError(`${label} ${quote(stage)} is not a GTO stage name: expected letters, digits, '-', '_' or '/', starting and ending with a letter or digit`);
  }
}
function assertVersion(version, label = "version") {
  if (!isValidVersion(version)) {
    throw new ConfigurationError(`${label} ${quote(version)} is not a version: expected 'v' and a SemVer version, such as v1.2.3 or v1.0.0-rc.1`);
  }
}
function formatTag(tag) {
  assertModelName(tag.model);
  const artifact = modelToTagPart(tag.model);
  let name;
  switch (tag.kind) {
    case "register":
    case "deregister":
      assertVersion(tag.version);
      name = `${artifact}@${tag.version}${tag.kind === "deregister" ? "!" : ""}`;
      break;
    case "assign":
    case "unassign":
      assertStage(tag.stage);
      name = `${artifact}#${tag.stage}${tag.kind === "unassign" ? "!" : ""}`;
      break;
    case "deprecate":
      name = `${artifact}@deprecated`;
      break;
    case "create":
      name = `${artifact}@created`;
      break;
  }
  if (tag.counter !== void 0) {
    if (!Number.isSafeInteger(tag.counter) || tag.counter < 0) throw new ConfigurationError(`tag counter ${quote(tag.counter)} is not a whole number`);
    name += `#${tag.counter}`;
  }
  return name;
}
function parseSemver(version) {
  const core = version.replace(/^v/, "").split("+")[0] ?? "";
  const dash = core.indexOf("-");
  const main = dash === -1 ? core : core.slice(0, dash);
  const pre = dash === -1 ? [] : core.slice(dash + 1).split(".");
  const [major = "0", minor = "0", patch = "0"] = main.split(".");
  return { major: BigInt(major), minor: BigInt(minor), patch: BigInt(patch), prerelease: pre };
}
function compareVersions(a, b) {
  const x = parseSemver(a);
  const y = parseSemver(b);
  for (const key of ["major", "minor", "patch"]) {
    if (x[key] !== y[key]) return x[key] < y[key] ? -1 : 1;
  }
  if (x.prerelease.length === 0 || y.prerelease.length === 0) return y.prerelease.length - x.prerelease.length;
  for (let i = 0; i < Math.min(x.prerelease.length, y.prerelease.length); i++) {
    const p = x.prerelease[i];
    const q = y.prerelease[i];
    if (p === q) continue;
    const pn = /^[0-9]+$/.test(p);
    const qn = /^[0-9]+$/.test(q);
    if (pn && qn) return BigInt(p) < BigInt(q) ? -1 : 1;
    if (pn !== qn) return pn ? -1 : 1;
    return p < q ? -1 : 1;
  }
  return x.prerelease.length - y.prerelease.length;
}
function bumpVersion(version, part) {
  if (version === void 0) return "v0.1.0";
  const v = parseSemver(version);
  if (part === "major") return `v${v.major + 1n}.0.0`;
  if (part === "minor") return `v${v.major}.${v.minor + 1n}.0`;
  return v.prerelease.length > 0 ? `v${v.major}.${v.minor}.${v.patch}` : `v${v.major}.${v.minor}.${v.patch + 1n}`;
}

// shared/src/registry/git.ts
import { execFile } from "node:child_process";
var GitCommandError = class extends Error {
  constructor(args, exitCode, stdout, stderr) {
    super(`git ${args.join(" ")} failed (exit ${exitCode ?? "signal"}): ${gitErrorLine(stderr)}`);
    this.args = args;
    this.exitCode = exitCode;
    this.stdout = stdout;
    this.stderr = stderr;
  }
  args;
  exitCode;
  stdout;
  stderr;
  name = "GitCommandError";
};
function gitErrorLine(stderr) {
  const lines = stderr.split("\n").map((line) => line.trim()).filter(Boolean);
  return lines.find((line) => /^(fatal|error):/.test(line)) ?? lines[lines.length - 1] ?? "";
}
function createGitRunner(executable = "git") {
  return {
    run(args, { cwd, env }) {
      return new Promise((resolve, reject) => {
        execFile(
          executable,
          args,
          { cwd, env: { ...process.env, GIT_TERMINAL_PROMPT: "0", ...env }, maxBuffer: 64 * 1024 * 1024, encoding: "utf8" },
          (error2, stdout, stderr) => {
            if (!error2) return resolve(stdout);
            const code = typeof error2.code === "number" ? error2.code : null;
            reject(new GitCommandError(args, code, stdout, stderr));
          }
        );
      });
    }
  };
}
var MIRROR_PREFIX = "refs/registry-mirror/tags/";
var FIELDS = [
  "%(refname)",
  "%(objecttype)",
  "%(objectname)",
  "%(*objecttype)",
  "%(*objectname)",
  "%(taggername)",
  "%(taggeremail)",
  "%(taggerdate:raw)",
  "%(contents)",
  "%(contents:signature)"
];
async function fetchTags(options, remote) {
  await options.git.run(["fetch", "--quiet", "--no-tags", "--no-write-fetch-head", "--prune", remote, `+refs/tags/*:${MIRROR_PREFIX}*`], {
    cwd: options.cwd,
    env: options.env ?? {}
  });
}
async function listTags(options, prefix = MIRROR_PREFIX) {
  const ref = prefix.replace(/\/$/, "");
  const out = await options.git.run(["for-each-ref", `--format=${FIELDS.join("%00")}%00`, ref], { cwd: options.cwd, env: options.env ?? {} });
  const values = out.split("\0");
  const tags = [];
  for (let i = 0; i + FIELDS.length <= values.length; i += FIELDS.length) {
    const field = (k) => values[i + k] ?? "";
    const refname = i === 0 ? field(0) : field(0).replace(/^\n/, "");
    if (!refname.startsWith(`${ref}/`)) continue;
    const name = refname.slice(ref.length + 1);
    const objectType = field(1);
    const tag = { name, objectType, object: field(2), message: "" };
    if (objectType === "tag") {
      if (field(3) === "commit") tag.commit = field(4);
      const [seconds] = field(7).split(" ");
      tag.tagger = { name: field(5), email: field(6).replace(/^<|>$/g, ""), date: new Date(Number(seconds) * 1e3) };
      const signature = field(9);
      const contents = field(8);
      tag.message = signature && contents.endsWith(signature) ? contents.slice(0, -signature.length) : contents;
    }
    tags.push(tag);
  }
  return tags;
}
function isAnnotatedTag(tag) {
  return tag.objectType === "tag" && tag.commit !== void 0 && tag.tagger !== void 0;
}

// shared/schemas/registry-payload.schema.json
var registry_payload_schema_default = {
  $schema: "http://json-schema.org/draft-07/schema#",
  $id: "https://github.com/mlops-actions/mlops-actions/shared/schemas/registry-payload.schema.json",
  title: "mlops-actions registry payload (the message of a version tag)",
  description: "What promote registered with a model version: the JSON message of the annotated tag `<model>@v<semver>`. GTO shows it as the tag's message.",
  type: "object",
  additionalProperties: false,
  required: ["schemaVersion", "model", "version", "modelDigest", "metrics", "run", "artifact", "commit", "workflowRunUrl"],
  properties: {
    schemaVersion: { const: 1 },
    model: { type: "string", minLength: 1, description: "The model (GTO artifact) name, `[<folder>:]<name>`." },
    version: { type: "string", pattern: "^v(0|[1-9][0-9]*)\\.(0|[1-9][0-9]*)\\.(0|[1-9][0-9]*)(-[0-9A-Za-z.-]+)?(\\+[0-9A-Za-z.-]+)?$", description: "The version, `v` and SemVer; equals the tag's version." },
    modelDigest: { $ref: "#/definitions/digest", description: "sha256 of the model artifact (file, or folder manifest), as in run.json and gate.json." },
    metrics: { type: "object", additionalProperties: { type: "number" }, description: "The candidate's metrics, nested keys flattened with dots." },
    testSetDigest: { oneOf: [{ type: "null" }, { $ref: "#/definitions/digest" }], description: "Digest of the test set the metrics were measured on." },
    profileDigest: { oneOf: [{ type: "null" }, { $ref: "#/definitions/digest" }], description: "Digest of the training data profile (profile.json), the drift reference." },
    run: {
      type: "object",
      additionalProperties: false,
      required: ["runId"],
      properties: {
        runId: { type: "string", minLength: 1, description: "The run id of the training run record." },
        recordDigest: { $ref: "#/definitions/digest", description: "sha256 of run.json as stored with the artifact." },
        gitSha: { type: ["string", "null"] },
        startedAt: { type: "string" },
        durationSeconds: { type: "number", minimum: 0 }
      }
    },
    artifact: {
      type: "object",
      additionalProperties: false,
      required: ["store"],
      anyOf: [{ properties: { url: { type: "string" } }, required: ["url"] }, { properties: { path: { type: "string" } }, required: ["path"] }],
      properties: {
        store: { enum: ["github-release", "local"], description: "The artifact store that holds the model." },
        url: { type: "string", minLength: 1, description: "Where to download it (github-release)." },
        path: { type: "string", minLength: 1, description: "Where it is (local store)." }
      }
    },
    commit: { type: "string", pattern: "^[0-9a-f]{40}([0-9a-f]{24})?$", description: "The commit the version tag points at." },
    workflowRunUrl: { type: ["string", "null"], description: "The workflow run that promoted it; null off GitHub." }
  },
  definitions: {
    digest: { type: "string", pattern: "^sha256:[0-9a-f]{64}$" }
  }
};

// shared/src/registry/registry.ts
var PRIORITY = { create: 1, deprecate: 2, register: 3, deregister: 4, assign: 5, unassign: 6 };
var Registry = class _Registry {
  problems = [];
  models = /* @__PURE__ */ new Map();
  names = /* @__PURE__ */ new Set();
  /** Builds the registry from every tag (lightweight ones included: they are skipped, but their names are taken). */
  static fromTags(tags) {
    const registry = new _Registry();
    registry.index(tags);
    return registry;
  }
  model(name) {
    let state = this.models.get(name);
    if (!state) {
      state = { versions: /* @__PURE__ */ new Map(), versionEvents: [], stageEvents: /* @__PURE__ */ new Map(), deprecations: [], lastActivity: -Infinity, lastDeprecation: -Infinity, maxCounter: 0 };
      this.models.set(name, state);
    }
    return state;
  }
  index(tags) {
    const annotated = [];
    for (const tag of tags) {
      this.names.add(tag.name);
      const parsed = parseTag(tag.name);
      if (!parsed) continue;
      const state = this.model(parsed.model);
      if (parsed.counter !== void 0) state.maxCounter = Math.max(state.maxCounter, parsed.counter);
      if (isAnnotatedTag(tag)) annotated.push({ tag, parsed });
    }
    annotated.sort((a, b) => byDate(a, b));
    for (const { tag, parsed } of annotated) {
      const state = this.model(parsed.model);
      const time = tag.tagger.date.getTime();
      if (parsed.kind === "deprecate") {
        state.deprecations.push(tag);
        state.lastDeprecation = time;
      } else if (parsed.kind === "register" || parsed.kind === "deregister") {
        state.lastActivity = Math.max(state.lastActivity, time);
        state.versionEvents.push({ tag, parsed });
        const existing = state.versions.get(parsed.version);
        if (parsed.kind === "register" && !existing) state.versions.set(parsed.version, this.versionFrom(tag, parsed.model, parsed.version));
        else if (existing) existing.deregistered = parsed.kind === "deregister";
      }
    }
    for (const { tag, parsed } of annotated) {
      if (parsed.kind !== "assign" && parsed.kind !== "unassign") continue;
      const state = this.model(parsed.model);
      state.lastActivity = Math.max(state.lastActivity, tag.tagger.date.getTime());
      const event = this.stageEventFrom(tag, parsed.kind, parsed.model, parsed.stage, parsed.counter, state);
      const list = state.stageEvents.get(parsed.stage) ?? [];
      list.push(event);
      state.stageEvents.set(parsed.stage, list);
    }
    for (const state of this.models.values()) for (const list of state.stageEvents.values()) list.sort(byStageOrder);
  }
  versionFrom(tag, model, version) {
    const entry = {
      model,
      version,
      tag: tag.name,
      commit: tag.commit,
      registeredAt: tag.tagger.date,
      registeredBy: { name: tag.tagger.name, email: tag.tagger.email },
      message: tag.message,
      deregistered: false
    };
    const json = parseJsonObject(tag.message);
    if (json === void 0 || !("schemaVersion" in json)) return entry;
    try {
      assertMatchesSchema(registry_payload_schema_default, json, tag.name, "registry tag");
      if (json.model !== model || json.version !== version || json.commit !== tag.commit) {
        const [field, value, expected] = json.model !== model ? ["model", json.model, model] : json.version !== version ? ["version", json.version, version] : ["commit", json.commit, tag.commit];
        throw new ConfigurationError(`registry tag ${quote(tag.name)}: field "/${field}" is ${quote(value)}, expected ${quote(expected)} as the tag says`);
      }
      entry.payload = json;
    } catch (error2) {
      if (!(error2 instanceof ConfigurationError)) throw error2;
      entry.problem = error2.message;
      this.problems.push({ tag: tag.name, message: error2.message });
    }
    return entry;
  }
  stageEventFrom(tag, kind, model, stage, counter, state) {
    const event = { model, stage, kind, tag: tag.name, commit: tag.commit, at: tag.tagger.date, by: { name: tag.tagger.name, email: tag.tagger.email }, message: tag.message };
    if (counter !== void 0) event.counter = counter;
    const json = parseJsonObject(tag.message);
    if (json && typeof json.reason === "string") event.reason = json.reason;
    const named = json && typeof json.version === "string" ? state.versions.get(json.version) : void 0;
    if (named && named.commit === tag.commit) {
      event.version = named.version;
    } else {
      const atCommit = [...state.versions.values()].filter((v) => v.commit === tag.commit).sort((a, b) => compareVersions(b.version, a.version));
      if (atCommit[0]) event.version = atCommit[0].version;
    }
    if (json && typeof json.version === "string" && event.version !== json.version) {
      this.problems.push({ tag: tag.name, message: `registry tag ${quote(tag.name)} names version ${quote(json.version)}, which is not registered at its commit ${tag.commit.slice(0, 12)}` });
    }
    return event;
  }
  /** Every model (GTO artifact) with at least one registry tag, sorted. */
  modelNames() {
    return [...this.models.keys()].sort();
  }
  /** Whether a tag of this name exists (annotated or not). */
  hasTag(name) {
    return this.names.has(name);
  }
  /** The model's newest event is a deprecation (`<model>@deprecated`); a later registration or assignment revives it. */
  isDeprecated(model) {
    const state = this.models.get(model);
    return state !== void 0 && state.lastDeprecation >= state.lastActivity;
  }
  /** Registered versions (deregistered ones too with `includeDeregistered`), newest SemVer first. */
  versions(model, options = {}) {
    const state = this.models.get(model);
    if (!state) return [];
    return [...state.versions.values()].filter((v) => options.includeDeregistered || !v.deregistered).sort((a, b) => compareVersions(b.version, a.version));
  }
  version(model, version) {
    return this.models.get(model)?.versions.get(version);
  }
  /** The greatest registered (not deregistered) SemVer version; undefined for a deprecated model unless asked. */
  latestVersion(model, options = {}) {
    if (!options.includeDeprecated && this.isDeprecated(model)) return void 0;
    return this.versions(model)[0];
  }
  /** Every assignment and unassignment of the stage, oldest first (the order that decides the stage). */
  history(model, stage) {
    return [...this.models.get(model)?.stageEvents.get(stage) ?? []];
  }
  /** Stages that have at least one assignment or unassignment tag. */
  stages(model) {
    return [...this.models.get(model)?.stageEvents.keys() ?? []].sort();
  }
  /**
   * The version in the stage: of the versions whose latest event in this stage is an assignment (not undone by an
   * unassignment) and that are still registered, the one assigned newest. Undefined for a deprecated model.
   */
  stage(model, stage) {
    if (this.isDeprecated(model)) return void 0;
    const holders = this.holders(model, stage);
    return holders[holders.length - 1]?.holder;
  }
  /** The version that held the stage before the current holder (the target of a rollback), if any. */
  previousHolder(model, stage) {
    const current = this.stage(model, stage);
    if (!current) return void 0;
    const holders = this.holders(model, stage);
    for (let i = holders.length - 1; i >= 0; i--) {
      const holder = holders[i]?.holder;
      if (holder && holder.version.version !== current.version.version) return holder;
    }
    return void 0;
  }
  /** The holder after each event of the stage's history, in order. */
  holders(model, stage) {
    const state = this.models.get(model);
    if (!state) return [];
    const latest = /* @__PURE__ */ new Map();
    const result = [];
    for (const event of state.stageEvents.get(stage) ?? []) {
      if (event.version !== void 0) latest.set(event.version, event);
      let best;
      for (const [version, last] of latest) {
        const entry = state.versions.get(version);
        if (last.kind !== "assign" || !entry || entry.deregistered) continue;
        if (!best || byStageOrder(best.assignment, last) < 0) best = { version: entry, assignment: last };
      }
      result.push({ holder: best });
    }
    return result;
  }
  /** The counter for the model's next counted tag: one more than the greatest N among all its tags, as GTO does. */
  nextCounter(model) {
    return (this.models.get(model)?.maxCounter ?? 0) + 1;
  }
  /** The payload of a version, or a one-line ConfigurationError naming the tag when it has none or a bad one. */
  requirePayload(version) {
    if (version.payload) return version.payload;
    throw new ConfigurationError(version.problem ?? `registry tag ${quote(version.tag)} has no mlops-actions payload: its message is plain text (written by GTO or by hand)`);
  }
};
function parseJsonObject(message) {
  const text = message.trim();
  if (!text.startsWith("{")) return void 0;
  try {
    const value = JSON.parse(text);
    return value !== null && typeof value === "object" && !Array.isArray(value) ? value : void 0;
  } catch {
    return void 0;
  }
}
function byDate(a, b) {
  return a.tag.tagger.date.getTime() - b.tag.tagger.date.getTime() || PRIORITY[a.parsed.kind] - PRIORITY[b.parsed.kind] || (a.parsed.counter ?? -1) - (b.parsed.counter ?? -1) || (a.tag.name < b.tag.name ? -1 : a.tag.name > b.tag.name ? 1 : 0);
}
function byStageOrder(a, b) {
  const ac = a.counter !== void 0 ? 1 : 0;
  const bc = b.counter !== void 0 ? 1 : 0;
  return ac - bc || (a.counter ?? 0) - (b.counter ?? 0) || a.at.getTime() - b.at.getTime() || (a.tag < b.tag ? -1 : a.tag > b.tag ? 1 : 0);
}

// shared/src/registry/client.ts
var GitRegistry = class {
  constructor(options) {
    this.options = options;
    this.remote = options.remote ?? "origin";
    this.maxAttempts = options.maxAttempts ?? 40;
    this.backoffMs = options.backoffMs ?? 25;
  }
  options;
  remote;
  maxAttempts;
  backoffMs;
  get gitOptions() {
    return { git: this.options.git, cwd: this.options.cwd, env: this.options.env ?? {} };
  }
  /** Fetches the remote's tags (into the mirror namespace, see git.ts) and builds the registry from them. */
  async read() {
    try {
      await fetchTags(this.gitOptions, this.remote);
    } catch (error2) {
      throw asServiceError(error2, `registry: cannot fetch the tags of ${quote(this.remote)}`);
    }
    return Registry.fromTags(await listTags(this.gitOptions));
  }
  /**
   * Registers `version` of `model` at `commit` with `payload` as the tag message (`<model>@<version>`). When the
   * version exists with the same model digest it is an idempotent re-run; with another digest, a one-line
   * ConfigurationError.
   */
  async registerVersion(model, version, payload, commit) {
    assertModelName(model);
    assertVersion(version);
    this.checkPayload(model, payload, version, commit);
    return this.registerNextVersion(model, () => version, () => payload, commit);
  }
  /**
   * Registers the version `choose` picks from the registry as it is now, with the payload `payloadFor` builds for
   * it. `choose` runs again after every lost race, on the re-read registry, so a promotion that bumps takes the
   * next free version instead of failing (a fixed version keeps failing: `registerVersion`). When the chosen
   * version holds the same model digest already it is an idempotent re-run (`created: false`).
   */
  async registerNextVersion(model, choose, payloadFor, commit) {
    assertModelName(model);
    for (let attempt = 1; attempt <= this.maxAttempts; attempt++) {
      const registry = await this.read();
      const version = choose(registry);
      assertVersion(version);
      const payload = payloadFor(version);
      this.checkPayload(model, payload, version, commit);
      const tag = formatTag({ kind: "register", model, version });
      const existing = registry.version(model, version);
      if (existing || registry.hasTag(tag)) {
        if (existing?.payload?.modelDigest === payload.modelDigest && !existing.deregistered) return { tag: existing.tag, created: false, version, attempts: attempt };
        throw new ConfigurationError(describeTaken(model, version, tag, existing, payload.modelDigest));
      }
      if (await this.createAndPush(tag, JSON.stringify(payload, null, 2), commit)) return { tag, created: true, version, attempts: attempt };
      await this.pause(attempt);
    }
    throw new ServiceError(`registry: could not register a version of ${quote(model)} on ${quote(this.remote)} after ${this.maxAttempts} attempts: other promotions kept winning the race`);
  }
  checkPayload(model, payload, version, commit) {
    assertMatchesSchema(registry_payload_schema_default, payload, `${model}@${version}`, "registry payload");
    for (const [field, value, expected] of [
      ["model", payload.model, model],
      ["version", payload.version, version],
      ["commit", payload.commit, commit]
    ]) {
      if (value !== expected) throw new ConfigurationError(`registry payload: field "/${field}" is ${quote(value)}, expected ${quote(expected)}`);
    }
  }
  /**
   * Assigns `stage` to a registered `version`: the tag `<model>#<stage>#<N>` on the version's commit, N one more
   * than the greatest counter of the model's tags. Losing a race re-reads the remote and takes the next N.
   */
  async assignStage(model, stage, version, reason) {
    assertModelName(model);
    assertStage(stage);
    assertVersion(version);
    for (let attempt = 1; attempt <= this.maxAttempts; attempt++) {
      const registry = await this.read();
      const entry = registry.version(model, version);
      if (!entry || entry.deregistered) {
        const known = registry.versions(model).map((v) => v.version);
        throw new ConfigurationError(
          `version ${quote(version)} of model ${quote(model)} is not ${entry ? "registered any more (deregistered)" : "registered"} on ${quote(this.remote)}: expected one of ${known.length ? known.join(", ") : "(none yet)"}`
        );
      }
      const counter = registry.nextCounter(model);
      const tag = formatTag({ kind: "assign", model, stage, counter });
      const body = { schemaVersion: 1, kind: "assignment", model, stage, version, ...reason ? { reason } : {} };
      const previous = registry.stage(model, stage)?.version.version;
      if (await this.createAndPush(tag, JSON.stringify(body, null, 2), entry.commit)) {
        return { tag, counter, version, ...previous !== void 0 ? { previousVersion: previous } : {}, attempts: attempt };
      }
      await this.pause(attempt);
    }
    throw new ServiceError(`registry: could not assign ${quote(stage)} of ${quote(model)} on ${quote(this.remote)} after ${this.maxAttempts} attempts: other promotions kept winning the race`);
  }
  /**
   * Creates the annotated tag locally and pushes it alone. True when the remote took it; false when the remote
   * refused the ref (the name is taken, or a concurrent push held its lock), after deleting the local tag so the
   * next fetch and attempt start clean. Any other failure (network, permissions) is a ServiceError.
   */
  async createAndPush(tag, message, commit) {
    const { git, cwd } = this.options;
    const env = { ...this.options.env, ...taggerEnv(this.options.tagger) };
    try {
      await git.run(["tag", "-a", "-m", message, "--", tag, commit], { cwd, env });
    } catch (error2) {
      if (error2 instanceof GitCommandError && /already exists/.test(error2.stderr)) {
        throw new ConfigurationError(`registry: a local tag ${quote(tag)} exists that ${quote(this.remote)} does not have: delete it (git tag -d '${tag}') or push it, then run again`);
      }
      throw asServiceError(error2, `registry: cannot create the tag ${quote(tag)}`);
    }
    const ref = `refs/tags/${tag}`;
    try {
      await git.run(["push", "--porcelain", "--atomic", this.remote, `${ref}:${ref}`], { cwd, env });
      return true;
    } catch (error2) {
      await git.run(["tag", "-d", tag], { cwd, env }).catch(() => void 0);
      if (error2 instanceof GitCommandError && isRefusal(error2, ref)) return false;
      throw asServiceError(error2, `registry: cannot push ${quote(tag)} to ${quote(this.remote)}`);
    }
  }
  pause(attempt) {
    const ms = Math.random() * this.backoffMs * Math.min(attempt, 8);
    return new Promise((resolve) => setTimeout(resolve, ms));
  }
};
function taggerEnv(tagger2) {
  return tagger2 ? { GIT_COMMITTER_NAME: tagger2.name, GIT_COMMITTER_EMAIL: tagger2.email } : {};
}
function isRefusal(error2, ref) {
  const ours = error2.stdout.split("\n").find((line) => line.startsWith("!") && line.includes(`:${ref}	`));
  if (ours) return /rejected|already exists|failed to (update|lock)|cannot lock|stale info/.test(ours);
  return /already exists|cannot lock ref|failed to update ref/.test(error2.stderr);
}
function describeTaken(model, version, tag, existing, digest) {
  if (!existing) return `version ${quote(version)} of model ${quote(model)} is taken: the tag ${quote(tag)} exists but is not an annotated registration; choose another version`;
  if (existing.deregistered) return `version ${quote(version)} of model ${quote(model)} was deregistered; a version is never reused: choose another version`;
  if (existing.problem) return `version ${quote(version)} of model ${quote(model)} is already registered with a payload that cannot be read (${existing.problem}); choose another version`;
  if (!existing.payload) return `version ${quote(version)} of model ${quote(model)} is already registered (tag ${quote(existing.tag)}) without our payload, so its digest is unknown; choose another version`;
  return `version ${quote(version)} of model ${quote(model)} is already registered (tag ${quote(existing.tag)}) with model digest ${existing.payload.modelDigest}, not ${digest}: choose another version or bump`;
}
function asServiceError(error2, what) {
  if (error2 instanceof GitCommandError) {
    const detail = gitErrorLine(error2.stderr) || `exit ${error2.exitCode}`;
    return new ServiceError(`${what}: ${detail}`);
  }
  return error2 instanceof Error ? error2 : new Error(String(error2));
}

// shared/src/runtime/github.ts
function createGitHubClient(token, options) {
  const { apiUrl, logger, retries = 4, baseDelayMs = 1e3, maxDelayMs = 6e4 } = options;
  const sleep = options.sleep ?? ((ms) => new Promise((resolve) => setTimeout(resolve, ms)));
  if (!token) {
    throw new ConfigurationError(`${options.tokenInput ?? "github-token"}: no token was given; pass \`\${{ github.token }}\` (the default) or a token with the permissions this step needs`);
  }
  logger.mask(token);
  const octokit = getOctokit(token, { baseUrl: apiUrl.replace(/\/+$/, "") });
  octokit.hook.wrap("request", async (request, requestOptions) => {
    for (let attempt = 0; ; attempt++) {
      try {
        return await request(requestOptions);
      } catch (error2) {
        const delay = retryDelay(error2, attempt, baseDelayMs);
        if (delay === void 0 || attempt >= retries || delay > maxDelayMs) throw error2;
        const status = error2.status;
        logger.info(`GitHub API ${requestOptions.method} ${requestOptions.url} answered ${status}; retrying in ${Math.round(delay)} ms (attempt ${attempt + 2} of ${retries + 1})`);
        await sleep(delay);
      }
    }
  });
  return octokit;
}
function retryDelay(error2, attempt, baseDelayMs, nowMs = Date.now()) {
  const status = error2.status ?? 0;
  const headers = error2.response?.headers ?? {};
  const rateLimited = status === 429 || status === 403 && (String(headers["x-ratelimit-remaining"]) === "0" || headers["retry-after"] !== void 0);
  if (!(status >= 500 || rateLimited)) return void 0;
  const retryAfter = Number(headers["retry-after"]);
  if (Number.isFinite(retryAfter) && retryAfter >= 0 && headers["retry-after"] !== void 0) return retryAfter * 1e3;
  const reset = Number(headers["x-ratelimit-reset"]);
  if (rateLimited && Number.isFinite(reset) && headers["x-ratelimit-reset"] !== void 0) return Math.max(0, reset * 1e3 - nowMs);
  return baseDelayMs * 2 ** attempt;
}

// shared/src/registry/auth.ts
function basicCredential(token) {
  return Buffer.from(`x-access-token:${token}`, "utf8").toString("base64");
}
function gitAuthEnv(request) {
  if (!request.token) return {};
  const server = parseUrl(request.serverUrl);
  const remote = parseUrl(request.remoteUrl);
  if (!server || !remote || remote.protocol !== "https:" || server.protocol !== "https:" || remote.host.toLowerCase() !== server.host.toLowerCase()) return {};
  const existing = request.baseEnv?.["GIT_CONFIG_COUNT"];
  const start = existing === void 0 || existing === "" ? 0 : Number(existing);
  if (!Number.isInteger(start) || start < 0) throw new ConfigurationError(`GIT_CONFIG_COUNT: ${quote(existing ?? "")} is not a count; expected a whole number or nothing`);
  const key = `http.${server.origin}/.extraheader`;
  return {
    GIT_CONFIG_COUNT: String(start + 2),
    [`GIT_CONFIG_KEY_${start}`]: key,
    [`GIT_CONFIG_VALUE_${start}`]: "",
    [`GIT_CONFIG_KEY_${start + 1}`]: key,
    [`GIT_CONFIG_VALUE_${start + 1}`]: `AUTHORIZATION: basic ${basicCredential(request.token)}`
  };
}
async function remotePushUrl(git, cwd, remote) {
  try {
    return (await git.run(["remote", "get-url", "--push", remote], { cwd })).trim();
  } catch {
    return remote;
  }
}
function parseUrl(value) {
  try {
    return new URL(value);
  } catch {
    return void 0;
  }
}

// shared/src/registry/stores/local.ts
import { cp as cp3, link, mkdir as mkdir3, readFile as readFile4, readdir as readdir2, rename as rename2, stat as stat3, writeFile as writeFile2 } from "node:fs/promises";
import path6 from "node:path";

// shared/src/registry/stores/common.ts
import { randomBytes } from "node:crypto";
import { rm as rm2, stat as stat2 } from "node:fs/promises";
import path5 from "node:path";
var DIGEST = /^sha256:[0-9a-f]{64}$/;
var VERSION = /^v?(\d+\.\d+\.\d+(?:-[0-9A-Za-z.-]+)?(?:\+[0-9A-Za-z.-]+)?)$/;
var NAME2 = /^[A-Za-z0-9][A-Za-z0-9._-]*(?:\/[A-Za-z0-9][A-Za-z0-9._-]*)*$/;
var FILE_NAME = /^[A-Za-z0-9][A-Za-z0-9._-]*$/;
function normalizeVersion(store, version) {
  const match = VERSION.exec(version.trim());
  if (!match) throw new ConfigurationError(`${store}: version ${quote(version)} is not a semantic version (expected X.Y.Z or vX.Y.Z)`);
  return `v${match[1]}`;
}
function checkName(store, name) {
  if (!NAME2.test(name) || name.split("/").some((part) => part === ".." || part === ".")) {
    throw new ConfigurationError(`${store}: model name ${quote(name)} is not valid (expected letters, digits, ".", "_", "-", segments separated by "/")`);
  }
  return name;
}
function checkDigest(store, digest) {
  if (!DIGEST.test(digest)) throw new ConfigurationError(`${store}: digest ${quote(digest)} is not a sha256 digest (expected sha256:<64 hex digits>)`);
  return digest;
}
function checkExtras(store, extras, reserved = []) {
  const seen = new Set(reserved);
  for (const extra of extras) {
    if (!FILE_NAME.test(extra.name) || extra.name === "..") throw new ConfigurationError(`${store}: extra file name ${quote(extra.name)} is not a plain file name`);
    if (seen.has(extra.name)) throw new ConfigurationError(`${store}: two files would be stored as ${quote(extra.name)}`);
    seen.add(extra.name);
  }
}
async function checkModel(store, model) {
  checkName(store, model.name);
  const version = normalizeVersion(store, model.version);
  checkDigest(store, model.digest);
  let kind;
  try {
    const info2 = await stat2(model.path);
    if (!info2.isFile() && !info2.isDirectory()) throw new Error("not a file or folder");
    kind = info2.isFile() ? "file" : "folder";
  } catch {
    throw new ConfigurationError(`${store}: the model ${quote(model.path)} is not a file or folder`);
  }
  const actual = await digestPath(model.path);
  if (actual !== model.digest) {
    throw new ConfigurationError(`${store}: ${model.name}@${version}: the model at ${quote(model.path)} has digest ${actual}, not the expected ${model.digest}`);
  }
  return { version, kind };
}
async function verifyDigest(store, what, target, expected) {
  const actual = await digestPath(target);
  if (actual !== expected) throw new ServiceError(`${store}: ${what}: digest mismatch: expected ${expected}, the store's copy has ${actual}`);
}
function tempSibling(target) {
  return path5.join(path5.dirname(target), `.tmp-${path5.basename(target)}-${process.pid}-${randomBytes(4).toString("hex")}`);
}
async function exists(target) {
  try {
    await stat2(target);
    return true;
  } catch {
    return false;
  }
}
async function removeQuietly(target) {
  await rm2(target, { recursive: true, force: true }).catch(() => void 0);
}

// shared/src/registry/stores/local.ts
var defaultCopy = (source, target) => cp3(source, target, { recursive: true, dereference: true, errorOnExist: true, force: false });
var LocalArtifactStore = class {
  constructor(dir, options = {}) {
    this.dir = dir;
    this.label = `local:${dir}`;
    this.copy = options.copy ?? defaultCopy;
  }
  dir;
  label;
  copy;
  async put(model, extras) {
    const { root, version, modelEntry, extraEntries } = await this.storeObjects(model, extras);
    const index = { schemaVersion: 1, name: model.name, version, model: modelEntry, extras: extraEntries };
    await this.writeIndex(root, index);
    return { location: path6.join(root, ...modelEntry.path.split("/")) };
  }
  /**
   * Stores the model and the extras as content-addressed objects, without the version's index: what is written
   * names no version, so a promotion that then loses the race for its version leaves nothing misattributed
   * (an object is its digest's bytes, whoever wrote it). `put` afterwards only writes the index.
   */
  async prepare(model, extras) {
    const { root, modelEntry } = await this.storeObjects(model, extras);
    return { location: path6.join(root, ...modelEntry.path.split("/")) };
  }
  async storeObjects(model, extras) {
    const { version, kind } = await checkModel(this.label, model);
    checkExtras(this.label, extras);
    const root = path6.resolve(this.dir);
    const modelEntry = await this.storeObject(root, model.path, model.digest, kind);
    const extraEntries = [];
    for (const extra of extras) {
      let info2;
      try {
        info2 = await stat3(extra.path);
      } catch {
        throw new ConfigurationError(`${this.label}: ${extra.name}: ${quote(extra.path)} does not exist`);
      }
      if (!info2.isFile()) throw new ConfigurationError(`${this.label}: ${extra.name}: ${quote(extra.path)} is not a file`);
      const entry = await this.storeObject(root, extra.path, await digestPath(extra.path), "file", extra.name);
      extraEntries.push({ name: extra.name, ...entry });
    }
    return { root, version, modelEntry, extraEntries };
  }
  async get(name, version, digest, destination) {
    const { root, what, index } = await this.requireIndex(name, version, digest);
    if (index.model.digest !== digest) throw new ServiceError(`${this.label}: ${what}: digest mismatch: expected ${digest}, the store's index has ${index.model.digest}`);
    const source = path6.join(root, ...index.model.path.split("/"));
    return this.fetchVerified(source, what, digest, destination, path6.basename(source));
  }
  async getFile(name, version, fileName, digest, destination) {
    const { root, what, index } = await this.requireIndex(name, version, digest);
    const entry = index.extras.find((extra) => extra.name === fileName);
    if (!entry) throw new ServiceError(`${this.label}: ${what} has no ${quote(fileName)} (stored with it: ${index.extras.map((e) => e.name).join(", ") || "nothing"})`);
    if (entry.digest !== digest) throw new ServiceError(`${this.label}: ${what} ${fileName}: digest mismatch: expected ${digest}, the store's index has ${entry.digest}`);
    return this.fetchVerified(path6.join(root, ...entry.path.split("/")), `${what} ${fileName}`, digest, destination, fileName);
  }
  /** The index of name@version, after checking the arguments; a ServiceError when the store has none. */
  async requireIndex(name, version, digest) {
    checkName(this.label, name);
    const tagVersion = normalizeVersion(this.label, version);
    checkDigest(this.label, digest);
    const root = path6.resolve(this.dir);
    const what = `${name}@${tagVersion}`;
    const index = await this.readIndex(root, name, tagVersion);
    if (!index) throw new ServiceError(`${this.label}: no artifact for ${what} (no ${this.indexRelative(name, tagVersion)})`);
    return { root, what, index };
  }
  /** Copies a stored object into `destination/<targetName>`, verified, through a temp sibling; reuses an identical one. */
  async fetchVerified(source, what, digest, destination, targetName) {
    if (!await exists(source)) throw new ServiceError(`${this.label}: ${what}: the object ${relativeTo(this.dir, source)} is missing`);
    await mkdir3(destination, { recursive: true });
    const target = path6.join(destination, targetName);
    if (await exists(target)) {
      await verifyDigest(this.label, `${what} (already at ${target})`, target, digest);
      return target;
    }
    const temp = tempSibling(target);
    try {
      await this.copy(source, temp);
      await verifyDigest(this.label, what, temp, digest);
      await rename2(temp, target);
    } finally {
      await removeQuietly(temp);
    }
    return target;
  }
  /** Copies `source` to objects/sha256/<hex>/<name> unless it is there already; returns its index entry. */
  async storeObject(root, source, digest, kind, name = path6.basename(path6.resolve(source))) {
    const hex = digest.slice("sha256:".length);
    const objects = path6.join(root, "objects", "sha256");
    const final = path6.join(objects, hex);
    const found = await this.existingObject(final);
    if (found !== void 0) return { digest, kind, path: `objects/sha256/${hex}/${found}` };
    await mkdir3(objects, { recursive: true });
    const temp = tempSibling(final);
    try {
      await mkdir3(temp);
      await this.copy(source, path6.join(temp, name));
      await verifyDigest(this.label, `the copy of ${quote(source)}`, path6.join(temp, name), digest);
      try {
        await rename2(temp, final);
      } catch (error2) {
        if (await this.existingObject(final) === void 0) throw error2;
      }
    } finally {
      await removeQuietly(temp);
    }
    const stored = await this.existingObject(final) ?? name;
    return { digest, kind, path: `objects/sha256/${hex}/${stored}` };
  }
  /** The name of the one entry in an object's folder, or undefined when the object is not stored. */
  async existingObject(folder) {
    try {
      const entries = await readdir2(folder);
      return entries.length === 1 ? entries[0] : void 0;
    } catch {
      return void 0;
    }
  }
  indexRelative(name, version) {
    return `models/${name}/${version}.json`;
  }
  async readIndex(root, name, version) {
    const file = path6.join(root, "models", ...name.split("/"), `${version}.json`);
    let text;
    try {
      text = await readFile4(file, "utf8");
    } catch {
      return void 0;
    }
    try {
      return JSON.parse(text);
    } catch {
      throw new ServiceError(`${this.label}: ${this.indexRelative(name, version)} is not valid JSON`);
    }
  }
  /** Writes the index of a version once: a temp file hard-linked into place, which fails if it exists. */
  async writeIndex(root, index) {
    const text = `${JSON.stringify(index, null, 2)}
`;
    const file = path6.join(root, "models", ...index.name.split("/"), `${index.version}.json`);
    await mkdir3(path6.dirname(file), { recursive: true });
    const temp = tempSibling(file);
    try {
      await writeFile2(temp, text, { flag: "wx" });
      try {
        await link(temp, file);
        return;
      } catch (error2) {
        if (error2.code !== "EEXIST") throw error2;
      }
    } finally {
      await removeQuietly(temp);
    }
    const existing = await this.readIndex(root, index.name, index.version);
    if (existing && JSON.stringify(existing) === JSON.stringify(index)) return;
    const what = `${index.name}@${index.version}`;
    if (existing?.model.digest !== index.model.digest) {
      throw new ConfigurationError(`${this.label}: ${what} is already stored with model digest ${existing?.model.digest ?? "(unreadable)"}, not ${index.model.digest}; register a new version`);
    }
    const differing = index.extras.find((extra) => !existing.extras.some((e) => e.name === extra.name && e.digest === extra.digest));
    if (!differing) return;
    const stored = existing.extras.some((e) => e.name === differing.name);
    throw new ConfigurationError(
      `${this.label}: ${what} is already stored ${stored ? `with another ${differing.name}` : `without ${differing.name}`}; a version's records are fixed when it is first stored: register a new version`
    );
  }
};
function relativeTo(dir, file) {
  return path6.relative(path6.resolve(dir), file).split(path6.sep).join("/");
}

// shared/src/registry/stores/github-release.ts
import { createReadStream as createReadStream2, createWriteStream as createWriteStream2 } from "node:fs";
import { cp as cp4, mkdir as mkdir5, mkdtemp, readdir as readdir3, rename as rename3, stat as stat5 } from "node:fs/promises";
import os2 from "node:os";
import path8 from "node:path";
import { Readable as Readable2 } from "node:stream";
import { pipeline as pipeline2 } from "node:stream/promises";

// shared/src/registry/stores/tar.ts
import { createReadStream, createWriteStream } from "node:fs";
import { mkdir as mkdir4, open as open2, stat as stat4 } from "node:fs/promises";
import path7 from "node:path";
import { Readable } from "node:stream";
import { pipeline } from "node:stream/promises";
import { createGunzip, createGzip } from "node:zlib";
var BLOCK = 512;
var RECORD = BLOCK * 20;
var TAR_MTIME = 946684800;
var FILE_MODE = 420;
function octal(value, width) {
  return `${value.toString(8).padStart(width - 1, "0")}\0`;
}
function header(name, size, type, prefix = "") {
  const block = Buffer.alloc(BLOCK);
  block.write(name, 0, 100, "utf8");
  block.write(octal(FILE_MODE, 8), 100, "ascii");
  block.write(octal(0, 8), 108, "ascii");
  block.write(octal(0, 8), 116, "ascii");
  block.write(octal(size, 12), 124, "ascii");
  block.write(octal(TAR_MTIME, 12), 136, "ascii");
  block.write("        ", 148, "ascii");
  block.write(type, 156, "ascii");
  block.write("ustar\x0000", 257, "ascii");
  block.write(prefix, 345, 155, "utf8");
  let sum = 0;
  for (const byte of block) sum += byte;
  block.write(`${sum.toString(8).padStart(6, "0")}\0 `, 148, "ascii");
  return block;
}
function padding(size) {
  return Buffer.alloc((BLOCK - size % BLOCK) % BLOCK);
}
function paxRecord(key, value) {
  const body = ` ${key}=${value}
`;
  const bodyBytes = Buffer.byteLength(body);
  let length = bodyBytes + 1;
  while (String(length).length + bodyBytes !== length) length++;
  return Buffer.from(`${length}${body}`, "utf8");
}
function fileHeaders(entryPath, size) {
  const bytes = Buffer.byteLength(entryPath);
  if (bytes <= 100 && /^[\x20-\x7e]*$/.test(entryPath)) return [header(entryPath, size, "0")];
  const slash = entryPath.lastIndexOf("/", 155);
  if (/^[\x20-\x7e]*$/.test(entryPath) && slash > 0 && slash <= 155 && Buffer.byteLength(entryPath.slice(slash + 1)) <= 100) {
    return [header(entryPath.slice(slash + 1), size, "0", entryPath.slice(0, slash))];
  }
  const record = paxRecord("path", entryPath);
  const short = `PaxHeaders/${path7.posix.basename(entryPath)}`.slice(0, 99).replace(/[^\x20-\x7e]/g, "_");
  return [header(short, record.length, "x"), record, padding(record.length), header(entryPath.replace(/[^\x20-\x7e]/g, "_").slice(-100), size, "0")];
}
async function* tarStream(folder, root) {
  let written = 0;
  for (const relative of await listFiles(folder)) {
    const file = path7.join(folder, relative);
    const { size } = await stat4(file);
    for (const block of fileHeaders(`${root}/${relative}`, size)) {
      written += block.length;
      yield block;
    }
    let read = 0;
    for await (const chunk of createReadStream(file)) {
      read += chunk.length;
      if (read > size) break;
      yield chunk;
    }
    if (read !== size) throw new Error(`${file} changed size while it was archived`);
    const pad = padding(size);
    written += size + pad.length;
    yield pad;
  }
  const end = BLOCK * 2;
  written += end;
  yield Buffer.alloc(end + (RECORD - written % RECORD) % RECORD);
}
async function writeTarGz(folder, root, archive) {
  await pipeline(Readable.from(tarStream(folder, root)), createGzip({ level: 9 }), createWriteStream(archive, { flags: "wx" }));
}
function readString(block, offset, length) {
  const slice = block.subarray(offset, offset + length);
  const end = slice.indexOf(0);
  return slice.subarray(0, end === -1 ? length : end).toString("utf8");
}
function readOctal(block, offset, length) {
  const text = readString(block, offset, length).trim();
  if (!/^[0-7]*$/.test(text)) throw new Error(`bad number ${JSON.stringify(text)} in a tar header`);
  return text === "" ? 0 : parseInt(text, 8);
}
function parsePax(data) {
  const records = {};
  let offset = 0;
  while (offset < data.length) {
    const space = data.indexOf(32, offset);
    const length = Number(data.subarray(offset, space).toString("ascii"));
    if (space === -1 || !Number.isInteger(length) || length <= 0) throw new Error("bad pax record");
    const record = data.subarray(space + 1, offset + length - 1).toString("utf8");
    const equals = record.indexOf("=");
    records[record.slice(0, equals)] = record.slice(equals + 1);
    offset += length;
  }
  return records;
}
function safePath(name) {
  const trimmed = name.replace(/^\.\//, "").replace(/\/+$/, "");
  const parts = trimmed.split("/");
  if (trimmed === "" || path7.posix.isAbsolute(trimmed) || trimmed.includes("\\") || parts.some((p) => p === ".." || p === "")) {
    throw new Error(`unsafe path ${JSON.stringify(name)} in the archive`);
  }
  return trimmed;
}
async function extractTarGz(archive, into) {
  await mkdir4(into, { recursive: true });
  let buffered = Buffer.alloc(0);
  let pending;
  let pax = {};
  let ended = false;
  const source = createReadStream(archive).pipe(createGunzip());
  try {
    for await (const chunk of source) {
      buffered = buffered.length === 0 ? chunk : Buffer.concat([buffered, chunk]);
      for (; ; ) {
        if (ended) break;
        if (pending) {
          const take = Math.min(pending.remaining, buffered.length);
          if (take > 0) {
            const part = buffered.subarray(0, take);
            if (pending.handle) await pending.handle.write(part);
            else pending.pax?.push(Buffer.from(part));
            buffered = buffered.subarray(take);
            pending.remaining -= take;
          }
          if (pending.remaining > 0) break;
          if (buffered.length < pending.pad) break;
          buffered = buffered.subarray(pending.pad);
          if (pending.handle) await pending.handle.close();
          else if (pending.pax) pax = parsePax(Buffer.concat(pending.pax));
          pending = void 0;
          continue;
        }
        if (buffered.length < BLOCK) break;
        const block = buffered.subarray(0, BLOCK);
        buffered = buffered.subarray(BLOCK);
        if (block.every((byte) => byte === 0)) {
          ended = true;
          break;
        }
        const type = String.fromCharCode(block[156] ?? 0);
        const size = readOctal(block, 124, 12);
        const pad = (BLOCK - size % BLOCK) % BLOCK;
        const prefix = readString(block, 345, 155);
        const name = pax["path"] ?? (prefix ? `${prefix}/${readString(block, 0, 100)}` : readString(block, 0, 100));
        if (type === "x") {
          pending = { handle: void 0, remaining: size, pad, pax: [] };
          continue;
        }
        if (type === "g") {
          pending = { handle: void 0, remaining: size, pad };
          continue;
        }
        pax = {};
        const target = path7.join(into, ...safePath(name).split("/"));
        if (type === "5") {
          await mkdir4(target, { recursive: true });
          continue;
        }
        if (type !== "0" && type !== "\0") throw new Error(`entry ${JSON.stringify(name)} has type ${JSON.stringify(type)}; only regular files and folders are extracted`);
        await mkdir4(path7.dirname(target), { recursive: true });
        pending = { handle: await open2(target, "wx"), remaining: size, pad };
      }
    }
    if (!ended && (pending || buffered.some((byte) => byte !== 0))) throw new Error("the archive ends in the middle of an entry");
  } finally {
    await pending?.handle?.close().catch(() => void 0);
    source.destroy();
  }
}

// shared/src/registry/stores/github-release.ts
var MODEL_FILE = "model ";
var MODEL_FOLDER = "model folder ";
function apiError(store, doing, error2) {
  const http = error2;
  if (typeof http?.status !== "number") return error2;
  const data = http.response?.data;
  const message = String(typeof data?.message === "string" ? data.message : http.message ?? "").replace(/\s+/g, " ").trim();
  let hint = "";
  if (http.status === 403 && /not accessible by integration/i.test(message)) hint = "; the token needs `contents: write` (add `permissions: contents: write` to the job)";
  else if (http.status === 401) hint = "; the token is invalid or expired";
  else if (http.status === 404 && doing.startsWith("reading")) hint = "; check the repository name and that the token can read it";
  return new ServiceError(`${store}: ${doing} failed: HTTP ${http.status} ${message}${hint}`);
}
function assetName(name) {
  return name.replace(/\//g, "-");
}
var GitHubReleaseStore = class {
  label;
  client;
  owner;
  repo;
  tempDir;
  constructor(options) {
    this.client = options.client;
    this.owner = options.owner;
    this.repo = options.repo;
    this.tempDir = options.tempDir ?? os2.tmpdir();
    this.label = `github-release ${options.owner}/${options.repo}`;
  }
  async put(model, extras) {
    const { version, kind } = await checkModel(this.label, model);
    const tag = `${model.name}@${version}`;
    const work = await mkdtemp(path8.join(this.tempDir, "mlops-release-"));
    try {
      const planned = [];
      if (kind === "file") {
        planned.push({ name: path8.basename(path8.resolve(model.path)), label: `${MODEL_FILE}${model.digest}`, file: model.path, contentType: "application/octet-stream" });
      } else {
        const archive = path8.join(work, `${assetName(model.name)}-${version}.tar.gz`);
        await writeTarGz(model.path, path8.basename(path8.resolve(model.path)), archive);
        planned.push({ name: path8.basename(archive), label: `${MODEL_FOLDER}${model.digest}`, file: archive, contentType: "application/gzip" });
      }
      checkExtras(this.label, extras, [planned[0]?.name ?? ""]);
      for (const extra of extras) {
        let digest;
        try {
          if (!(await stat5(extra.path)).isFile()) throw new Error("not a file");
          digest = await digestPath(extra.path);
        } catch {
          throw new ConfigurationError(`${this.label}: ${extra.name}: ${quote(extra.path)} is not a file`);
        }
        planned.push({ name: extra.name, label: digest, file: extra.path, contentType: extra.name.endsWith(".json") ? "application/json" : "application/octet-stream" });
      }
      let release = await this.findRelease(tag, true);
      if (!release) release = await this.createRelease(tag, model);
      const existing = await this.listAssets(release, tag);
      for (const asset of planned) {
        const found = existing.find((a) => a.name === asset.name);
        if (found && found.state === "uploaded" && (found.label ?? "") !== asset.label) {
          throw new ConfigurationError(
            `${this.label}: release ${tag} already has asset ${quote(asset.name)} labelled ${quote(found.label ?? "")}, not ${quote(asset.label)}; register a new version or delete the asset`
          );
        }
      }
      for (const asset of planned) {
        const found = existing.find((a) => a.name === asset.name);
        if (found?.state === "uploaded") continue;
        if (found) await this.call(`deleting the unfinished asset ${asset.name} of ${tag}`, () => this.client.rest.repos.deleteReleaseAsset({ owner: this.owner, repo: this.repo, asset_id: found.id }));
        await this.upload(release, tag, asset);
      }
      if (release.draft) {
        const draftId = release.id;
        const { data } = await this.call(`publishing release ${tag}`, () => this.client.rest.repos.updateRelease({ owner: this.owner, repo: this.repo, release_id: draftId, draft: false }));
        release = data;
      }
      return { location: release.html_url };
    } finally {
      await removeQuietly(work);
    }
  }
  /** The assets of the published release of name@version, after checking the arguments. */
  async publishedAssets(name, version, digest) {
    checkName(this.label, name);
    const tag = `${name}@${normalizeVersion(this.label, version)}`;
    checkDigest(this.label, digest);
    const release = await this.findRelease(tag, false);
    if (!release) throw new ServiceError(`${this.label}: no published release ${tag}`);
    return { tag, assets: await this.listAssets(release, tag) };
  }
  async get(name, version, digest, destination) {
    const { tag, assets } = await this.publishedAssets(name, version, digest);
    const model = assets.find((a) => a.state === "uploaded" && (a.label ?? "").startsWith(MODEL_FILE));
    if (!model) throw new ServiceError(`${this.label}: release ${tag} has no model asset (an asset labelled "model sha256:…" or "model folder sha256:…")`);
    const folder = (model.label ?? "").startsWith(MODEL_FOLDER);
    await mkdir5(destination, { recursive: true });
    const work = await mkdtemp(path8.join(this.tempDir, "mlops-release-"));
    try {
      const downloaded = path8.join(work, folder ? "model.tar.gz" : model.name);
      await this.download(model, tag, downloaded);
      let fetched = downloaded;
      if (folder) {
        const extracted = path8.join(work, "extracted");
        try {
          await extractTarGz(downloaded, extracted);
        } catch (error2) {
          throw new ServiceError(`${this.label}: ${tag}: the asset ${quote(model.name)} is not a readable archive: ${error2.message}`);
        }
        const top = await readdir3(extracted);
        if (top.length !== 1 || !(await stat5(path8.join(extracted, top[0] ?? ""))).isDirectory()) {
          throw new ServiceError(`${this.label}: ${tag}: the asset ${quote(model.name)} does not hold one top folder`);
        }
        fetched = path8.join(extracted, top[0] ?? "");
      }
      await verifyDigest(this.label, tag, fetched, digest);
      const target = path8.join(destination, path8.basename(fetched));
      if (await exists(target)) {
        await verifyDigest(this.label, `${tag} (already at ${target})`, target, digest);
        return target;
      }
      const temp = tempSibling(target);
      try {
        await rename3(fetched, temp).catch(() => cp4(fetched, temp, { recursive: true }));
        await rename3(temp, target);
      } finally {
        await removeQuietly(temp);
      }
      return target;
    } finally {
      await removeQuietly(work);
    }
  }
  async getFile(name, version, fileName, digest, destination) {
    const { tag, assets } = await this.publishedAssets(name, version, digest);
    const asset = assets.find((a) => a.state === "uploaded" && a.name === fileName);
    if (!asset) throw new ServiceError(`${this.label}: release ${tag} has no asset ${quote(fileName)}`);
    if (asset.label && asset.label !== digest) throw new ServiceError(`${this.label}: ${tag} ${fileName}: digest mismatch: expected ${digest}, the asset is labelled ${asset.label}`);
    await mkdir5(destination, { recursive: true });
    const target = path8.join(destination, fileName);
    if (await exists(target)) {
      await verifyDigest(this.label, `${tag} ${fileName} (already at ${target})`, target, digest);
      return target;
    }
    const temp = tempSibling(target);
    try {
      await this.download(asset, tag, temp);
      await verifyDigest(this.label, `${tag} ${fileName}`, temp, digest);
      await rename3(temp, target);
    } finally {
      await removeQuietly(temp);
    }
    return target;
  }
  async call(doing, fn) {
    try {
      return await fn();
    } catch (error2) {
      throw apiError(this.label, doing, error2);
    }
  }
  /** The release of `tag`; with `drafts`, also an unpublished one (GitHub finds drafts only by listing). */
  async findRelease(tag, drafts) {
    try {
      const { data } = await this.client.rest.repos.getReleaseByTag({ owner: this.owner, repo: this.repo, tag });
      return data;
    } catch (error2) {
      if (error2.status !== 404) throw apiError(this.label, `reading release ${tag}`, error2);
    }
    if (!drafts) return void 0;
    const releases = await this.call(`listing releases to find ${tag}`, () => this.client.paginate(this.client.rest.repos.listReleases, { owner: this.owner, repo: this.repo, per_page: 100 }));
    return releases.find((r) => r.tag_name === tag);
  }
  async createRelease(tag, model) {
    const body = [`Model \`${model.name}\` version \`${tag.slice(model.name.length + 1)}\`, registered by promote.`, "", `Model digest: \`${model.digest}\``].join("\n");
    try {
      const { data } = await this.client.rest.repos.createRelease({ owner: this.owner, repo: this.repo, tag_name: tag, name: tag, body, draft: true });
      return data;
    } catch (error2) {
      if (error2.status === 422) {
        const found = await this.findRelease(tag, true);
        if (found) return found;
      }
      throw apiError(this.label, `creating release ${tag}`, error2);
    }
  }
  async listAssets(release, tag) {
    const assets = await this.call(
      `listing the assets of release ${tag}`,
      () => this.client.paginate(this.client.rest.repos.listReleaseAssets, { owner: this.owner, repo: this.repo, release_id: release.id, per_page: 100 })
    );
    return assets;
  }
  async upload(release, tag, asset) {
    const { size } = await stat5(asset.file);
    await this.call(
      `uploading ${asset.name} to release ${tag}`,
      () => this.client.rest.repos.uploadReleaseAsset({
        owner: this.owner,
        repo: this.repo,
        release_id: release.id,
        url: release.upload_url,
        name: asset.name,
        label: asset.label,
        // Streamed, not read into memory: models can be large.
        data: createReadStream2(asset.file),
        headers: { "content-type": asset.contentType, "content-length": size }
      })
    );
  }
  /** Streams an asset's bytes (GitHub answers 302 to its storage) to `target`. */
  async download(asset, tag, target) {
    const response = await this.call(
      `downloading ${asset.name} of release ${tag}`,
      () => this.client.request("GET /repos/{owner}/{repo}/releases/assets/{asset_id}", {
        owner: this.owner,
        repo: this.repo,
        asset_id: asset.id,
        headers: { accept: "application/octet-stream" },
        request: { parseSuccessResponseBody: false }
      })
    );
    const body = response.data;
    if (!body) throw new ServiceError(`${this.label}: downloading ${asset.name} of release ${tag} gave no content`);
    try {
      await pipeline2(Readable2.fromWeb(body), createWriteStream2(target, { flags: "wx" }));
    } catch (error2) {
      throw new ServiceError(`${this.label}: downloading ${asset.name} of release ${tag} failed: ${error2.message}`);
    }
  }
};

// shared/src/registry/stores/index.ts
var DEFAULT_LOCAL_STORE = ".mlops/artifacts";
function parseArtifactStore(value, label) {
  const trimmed = value.trim();
  if (trimmed === "github-release") return { kind: "github-release" };
  if (trimmed.startsWith("local:")) {
    const dir = trimmed.slice("local:".length).trim();
    if (dir === "") throw new ConfigurationError(`${label}: ${quote(value)} names no folder; expected local:<dir>, e.g. local:.mlops/artifacts`);
    return { kind: "local", dir };
  }
  throw new ConfigurationError(`${label}: ${quote(value)} is not an artifact store; expected \`github-release\` or \`local:<dir>\``);
}

// shared/src/registry/connect.ts
async function registryGitEnv(access, remote) {
  if (!access.token) return {};
  const remoteUrl = await remotePushUrl(createGitRunner(), access.context.workspace, remote);
  const env = gitAuthEnv({ token: access.token, serverUrl: access.context.serverUrl, remoteUrl, baseEnv: access.env });
  if (Object.keys(env).length > 0) {
    access.logger.mask(basicCredential(access.token));
    access.logger.info(`Git reaches the registry at ${redactUrl(remoteUrl)} with the github-token input.`);
  }
  return env;
}
function createArtifactStore(setting, access) {
  if (setting.kind === "local") return new LocalArtifactStore(setting.dir);
  const [owner, repo] = (access.context.repository ?? "").split("/");
  if (!owner || !repo) throw new ConfigurationError("artifact-store: github-release needs the repository (GITHUB_REPOSITORY), which is not set here; use local:<dir> off GitHub");
  const client = createGitHubClient(access.token, { tokenInput: "github-token", apiUrl: access.context.apiUrl, logger: access.logger });
  return new GitHubReleaseStore({ client, owner, repo, tempDir: access.context.tempDir });
}
function redactUrl(url) {
  try {
    const parsed = new URL(url);
    parsed.username = "";
    parsed.password = "";
    return parsed.toString();
  } catch {
    return url;
  }
}

// actions/promote/src/checks.ts
function checkEvent(context) {
  const name = context.eventName;
  if (!context.onRunner && name === "local") return;
  if (name === "workflow_dispatch" || name === "release" || name === "deployment") return;
  if (name === "push") {
    const repository = context.payload["repository"];
    const defaultBranch = typeof repository?.default_branch === "string" ? repository.default_branch : void 0;
    if (!defaultBranch) throw new ConfigurationError("promote: the push event payload names no repository.default_branch, so the push cannot be checked to be to the default branch");
    if (context.ref === `refs/heads/${defaultBranch}`) return;
    throw new ConfigurationError(
      `promote: this push is to ${quote(context.ref ?? "")}, not to the default branch ${quote(defaultBranch)}; promote runs on a push to the default branch, workflow_dispatch, release or deployment`
    );
  }
  throw new ConfigurationError(
    `promote: refusing to write the registry on a ${quote(name)} event; promote runs on a push to the default branch, workflow_dispatch, release or deployment (promote a pull request's model after the merge)`
  );
}
function checkGate(gate, gateFile, modelName, digest, digestSource) {
  if (gate.model !== void 0 && gate.model !== modelName) {
    throw new ConfigurationError(`gate-report: ${quote(gateFile)} is the gate of model ${quote(gate.model)}, not of model-name ${quote(modelName)}`);
  }
  if (gate.candidate.modelDigest === null) {
    throw new ConfigurationError(`gate-report: ${quote(gateFile)} gated a bare metrics file, not a model; give evaluate-gate the training run record (run.json) as its candidate, so the gate binds its verdict to the model's digest`);
  }
  if (gate.candidate.modelDigest !== digest) {
    throw new ConfigurationError(
      `gate-report: the gate passed the model ${gate.candidate.modelDigest}, but ${digestSource} has digest ${digest}; promote only the exact artifact the gate evaluated`
    );
  }
  if (!gate.passed) {
    throw new VerdictFailure(`gate-report: the model did not pass the gate (verdict ${quote(gate.verdict)} in ${quote(gateFile)}); only a model that passed is promoted`);
  }
}

// actions/promote/src/inputs.ts
import path9 from "node:path";

// shared/src/inputs.ts
function requiredInput(inputs, name, what) {
  const value = inputs.get(name);
  if (!value) throw new ConfigurationError(`${name}: the input is required; give ${what}`);
  return value;
}
function booleanInput(inputs, name, fallback) {
  const value = inputs.get(name);
  if (value === "") return fallback;
  if (["true", "True", "TRUE"].includes(value)) return true;
  if (["false", "False", "FALSE"].includes(value)) return false;
  throw new ConfigurationError(`${name}: ${quote(value)} is not a boolean; expected true or false`);
}

// actions/promote/src/inputs.ts
var BUMPS = ["patch", "minor", "major"];
function readPromoteSettings(inputs, context) {
  const workspace = context.workspace;
  const modelName = requiredInput(inputs, "model-name", "the registered model name, such as `churn`");
  assertModelName(modelName, "model-name:");
  const stage = requiredInput(inputs, "stage", "the stage to assign, such as `staging` or `production`");
  assertStage(stage, "stage:");
  const rollback2 = booleanInput(inputs, "rollback", false);
  const version = inputs.get("version") || void 0;
  const bumpValue = inputs.get("bump");
  if (version !== void 0) assertVersion(version, "version:");
  if (bumpValue && !BUMPS.includes(bumpValue)) {
    throw new ConfigurationError(`bump: ${quote(bumpValue)} is not a bump; expected patch, minor or major`);
  }
  if (version && bumpValue) throw new ConfigurationError(`version and bump: give one of them, not both (version ${quote(version)}, bump ${quote(bumpValue)})`);
  const toVersion = inputs.get("to-version") || void 0;
  if (toVersion !== void 0) {
    if (!rollback2) throw new ConfigurationError(`to-version: ${quote(toVersion)} is only read with rollback: true; to promote a version use \`version\``);
    assertVersion(toVersion, "to-version:");
  }
  if (rollback2 && (version || bumpValue)) {
    throw new ConfigurationError(`rollback: a rollback registers nothing, so ${version ? "version" : "bump"} cannot be given; name the version to roll back to with to-version`);
  }
  const requireStage = inputs.get("require-stage") || void 0;
  if (requireStage !== void 0) assertStage(requireStage, "require-stage:");
  if (requireStage === stage) throw new ConfigurationError(`require-stage: ${quote(requireStage)} is the stage being assigned; name the stage before it, such as staging before production`);
  const storeValue = inputs.get("artifact-store") || (context.onRunner ? "github-release" : `local:${DEFAULT_LOCAL_STORE}`);
  const parsedStore = parseArtifactStore(storeValue, "artifact-store");
  const artifactStore = parsedStore.kind === "local" ? { kind: "local", dir: path9.resolve(workspace, parsedStore.dir) } : parsedStore;
  const model = inputs.get("model");
  const profile = inputs.get("profile");
  const runRecordValue = inputs.get("run-record");
  return {
    workspace,
    modelName,
    stage,
    gateReport: path9.resolve(workspace, inputs.get("gate-report") || "gate.json"),
    runRecord: path9.resolve(workspace, runRecordValue || "run.json"),
    runRecordGiven: runRecordValue !== "" && runRecordValue !== "run.json",
    model: model ? path9.resolve(workspace, model) : void 0,
    profile: profile ? path9.resolve(workspace, profile) : void 0,
    version,
    bump: bumpValue || void 0,
    registry: inputs.get("registry") || "origin",
    artifactStore,
    rollback: rollback2,
    toVersion,
    requireStage,
    githubToken: inputs.get("github-token")
  };
}

// shared/src/markdown.ts
function escapeMarkdown(text, max = Infinity) {
  return unmention(
    clipText(text, max).replace(/\r\n|\r|\n/g, " ").replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/([\\`*_{}[\]()#+\-.!|~@:])/g, "\\$1")
  );
}
function markdownCode(text, max = Infinity) {
  const escaped = clipText(text, max).replace(/\r\n|\r|\n/g, " ").replace(/([\\*_{}[\]()#+\-.!~@:])/g, "\\$1").replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/\|/g, "&#124;").replace(/`/g, "&#96;");
  return `<code>${unmention(escaped)}</code>`;
}
function clipText(text, max) {
  if (text.length <= max) return text;
  const chars = Array.from(text);
  return chars.length <= max ? text : `${chars.slice(0, Math.max(0, max - 1)).join("")}…`;
}
function unmention(escaped) {
  return escaped.replace(/\\@/g, "@&#8203;");
}
function markdownTable(header2, rows) {
  const line = (cells) => `| ${cells.join(" | ")} |`;
  return [line(header2), line(header2.map(() => "---")), ...rows.map(line)].join("\n");
}

// actions/promote/src/report.ts
function setPromoteOutputs(outputs, result) {
  outputs.set("version", result.version);
  outputs.set("tag", result.tag);
  outputs.set("stage-tag", result.stageTag);
  outputs.set("previous-version", result.previousVersion ?? "");
  outputs.set("artifact-url", result.artifactUrl);
  outputs.set("model-digest", result.modelDigest);
}
function appendPromoteSummary(summary2, result) {
  const title = result.kind === "rollback" ? "Rollback" : "Promote";
  const rows = [
    ["Model", markdownCode(result.model)],
    ["Version", `${markdownCode(result.version)} (tag ${markdownCode(result.tag)}${result.kind === "promote" ? result.registered ? ", registered now" : ", registered before" : ""})`],
    ["Stage", `${markdownCode(result.stage)} (${result.assigned ? `tag ${markdownCode(result.stageTag)}` : `held already, tag ${markdownCode(result.stageTag)}`})`],
    ["Previous version", result.previousVersion ? markdownCode(result.previousVersion) : "none"],
    ["Model digest", markdownCode(result.modelDigest)],
    ["Artifact", link2(result.artifactUrl)]
  ];
  if (result.reason) rows.push(["Reason", escapeMarkdown(result.reason)]);
  if (result.workflowRunUrl) rows.push(["Workflow run", link2(result.workflowRunUrl)]);
  summary2.append(`### ${title}: ${escapeMarkdown(result.model)} ${escapeMarkdown(result.version)} → ${escapeMarkdown(result.stage)}

${markdownTable(["", ""], rows)}
`);
}
function link2(url) {
  if (!/^https?:\/\//.test(url)) return markdownCode(url);
  const target = encodeURI(decodeURISafe(url)).replace(/[()<>]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
  return `[${escapeMarkdown(url)}](${target})`;
}
function decodeURISafe(url) {
  try {
    return decodeURI(url);
  } catch {
    return url;
  }
}

// actions/promote/src/main.ts
function run() {
  return runWrapper("promote", () => promote(createActionRuntime()));
}
var ACTIONS_BOT = { name: "github-actions[bot]", email: "41898282+github-actions[bot]@users.noreply.github.com" };
async function promote(runtime) {
  const { logger } = runtime;
  const settings = readPromoteSettings(runtime.inputs, runtime.context);
  if (settings.githubToken) logger.mask(settings.githubToken);
  checkEvent(runtime.context);
  const git = createGitRunner();
  const access = { context: runtime.context, logger: runtime.logger, env: runtime.env, token: settings.githubToken };
  const env = await registryGitEnv(access, settings.registry);
  const registry = new GitRegistry({ git, cwd: settings.workspace, remote: settings.registry, env, tagger: await tagger(runtime, settings) });
  const workflowRunUrl = workflowRunUrlOf(runtime.context);
  const result = settings.rollback ? await rollback(settings, registry, workflowRunUrl, runtime) : await promoteCandidate(settings, registry, workflowRunUrl, runtime);
  setPromoteOutputs(runtime.outputs, result);
  appendPromoteSummary(runtime.summary, result);
  await runtime.summary.write();
}
async function promoteCandidate(settings, git, workflowRunUrl, runtime) {
  const { logger } = runtime;
  const { modelName: model, stage } = settings;
  const candidate = await logger.group("Check the candidate against the gate", async () => {
    const gate = await readGateReport(settings.gateReport, "gate-report", rel(settings, settings.gateReport));
    const found = await readCandidate(settings);
    checkGate(gate, rel(settings, settings.gateReport), model, found.digest, settings.model ? `model ${quote(rel(settings, settings.model))}` : `the run record ${quote(rel(settings, settings.runRecord))}`);
    logger.info(`The gate passed ${found.digest} (verdict ${gate.verdict}).`);
    const profileDigest = settings.profile ? await readProfileDigest(settings, settings.profile) : void 0;
    const recordDigest = found.record ? await digestPath(settings.runRecord) : void 0;
    return {
      ...found,
      // checkGate refused a gate without a model digest, and the gate writes a run id with every digest.
      runId: found.record?.runId ?? gate.candidate.runId ?? "unknown",
      ...gate.candidate.testSetDigest ? { testSetDigest: gate.candidate.testSetDigest } : {},
      ...profileDigest ? { profileDigest } : {},
      ...recordDigest ? { recordDigest } : {}
    };
  });
  const current = await logger.group("Read the registry", () => git.read());
  warnProblems(current, model, runtime);
  const version = chooseVersion(settings, current, candidate.digest);
  const existing = current.version(model, version);
  if (existing) {
    const payload = current.requirePayload(existing);
    if (existing.deregistered) throw new ConfigurationError(`version: ${model}@${version} was deregistered; a version is never reused: choose another version`);
    if (payload.modelDigest !== candidate.digest) {
      throw new ConfigurationError(`version: ${model}@${version} is already registered with model digest ${payload.modelDigest}, not ${candidate.digest}; choose another version or bump`);
    }
  }
  if (settings.requireStage) {
    const holder = current.stage(model, settings.requireStage)?.version.version;
    if (holder !== version) {
      throw new ConfigurationError(
        `require-stage: ${model}@${version} is not in ${quote(settings.requireStage)} now (${holder ? `${holder} is` : "no version is"}); promote it to ${settings.requireStage} first`
      );
    }
  }
  logger.info(`${model}@${version}: ${existing ? "registered already with the same digest (a re-run)" : "a new version"}.`);
  const store = createArtifactStore(settings.artifactStore, { context: runtime.context, logger: runtime.logger, env: runtime.env, token: settings.githubToken });
  const extras = extraFiles(settings, candidate);
  const artifactOf = (v) => ({ name: model, version: v, path: candidate.modelPath, digest: candidate.digest });
  const storeGroup = `Store the model in ${store.label}`;
  let artifactUrl;
  let registered = false;
  let promoted = version;
  if (existing) {
    artifactUrl = (await logger.group(storeGroup, () => store.put(artifactOf(version), extras))).location;
  } else {
    const commit = (await createGitRunner().run(["rev-parse", "HEAD"], { cwd: settings.workspace })).trim();
    const prepare = store.prepare?.bind(store);
    const prepared = prepare ? await logger.group(`Store the model's content in ${store.label}`, () => prepare(artifactOf(version), extras)) : void 0;
    const payloadFor = (v) => buildPayload(settings, runtime, candidate, v, commit, prepared?.location ?? releaseUrl(runtime, `${model}@${v}`), workflowRunUrl);
    const choose = settings.version ? () => version : (registry) => chooseVersion(settings, registry, candidate.digest);
    const result = await logger.group(`Register ${model}@${version}`, () => git.registerNextVersion(model, choose, payloadFor, commit));
    if (result.version !== version) logger.info(`Another promotion registered ${model}@${version} first: this model is ${result.tag}.`);
    promoted = result.version;
    registered = result.created;
    artifactUrl = (await logger.group(storeGroup, () => store.put(artifactOf(promoted), extras))).location;
  }
  return assign(git, { model, stage, version: promoted, digest: candidate.digest, artifactUrl, registered, workflowRunUrl, kind: "promote" }, runtime);
}
async function assign(git, request, runtime) {
  const { model, stage, version } = request;
  const base = { kind: request.kind, model, stage, version, tag: `${model}@${version}`, artifactUrl: request.artifactUrl, modelDigest: request.digest, registered: request.registered, workflowRunUrl: request.workflowRunUrl };
  const now = await git.read();
  const holder = now.stage(model, stage);
  if (request.kind === "promote" && holder?.version.version === version) {
    runtime.logger.info(`${model}@${version} is in ${stage} already (${holder.assignment.tag}): nothing to assign.`);
    const previous = now.previousHolder(model, stage)?.version.version;
    return { ...base, stageTag: holder.assignment.tag, assigned: false, ...previous ? { previousVersion: previous } : {} };
  }
  const assigned = await runtime.logger.group(`Assign ${stage} to ${model}@${version}`, () => git.assignStage(model, stage, version, request.reason));
  runtime.logger.info(`${assigned.tag}: ${model}@${version} is in ${stage}${assigned.previousVersion ? ` (was ${assigned.previousVersion})` : ""}.`);
  return { ...base, stageTag: assigned.tag, assigned: true, ...assigned.previousVersion ? { previousVersion: assigned.previousVersion } : {}, ...request.reason ? { reason: request.reason } : {} };
}
async function rollback(settings, git, workflowRunUrl, runtime) {
  const { modelName: model, stage } = settings;
  const current = await runtime.logger.group("Read the registry", () => git.read());
  warnProblems(current, model, runtime);
  const holder = current.stage(model, stage);
  if (!holder) throw new ConfigurationError(`rollback: no version of ${quote(model)} is in ${quote(stage)}, so there is nothing to roll back`);
  let target;
  if (settings.toVersion) {
    target = current.version(model, settings.toVersion);
    if (!target || target.deregistered) {
      const known = current.versions(model).map((v) => v.version);
      throw new ConfigurationError(`to-version: ${quote(settings.toVersion)} is not a registered version of ${quote(model)}; expected one of ${known.join(", ") || "(none)"}`);
    }
  } else {
    target = current.previousHolder(model, stage)?.version;
    if (!target) throw new ConfigurationError(`rollback: no version held ${quote(stage)} before ${model}@${holder.version.version}; name one with to-version`);
  }
  if (target.version === holder.version.version) throw new ConfigurationError(`to-version: ${model}@${target.version} is in ${quote(stage)} already; nothing to roll back`);
  const payload = current.requirePayload(target);
  const reason = `rollback of ${stage} from ${holder.version.version} to ${target.version}${workflowRunUrl ? ` by ${workflowRunUrl}` : ""}`;
  return assign(git, { kind: "rollback", model, stage, version: target.version, digest: payload.modelDigest, artifactUrl: payload.artifact.url ?? payload.artifact.path ?? "", registered: false, workflowRunUrl, reason }, runtime);
}
async function readCandidate(settings) {
  const recordExists = existsSync(settings.runRecord);
  const record = recordExists || settings.runRecordGiven || !settings.model ? await readRunRecord(settings.runRecord, "run-record") : void 0;
  if (settings.model) {
    if (!existsSync(settings.model)) throw new ConfigurationError(`model: ${quote(rel(settings, settings.model))} does not exist`);
    return { digest: await digestPath(settings.model), modelPath: settings.model, ...record ? { record } : {} };
  }
  if (!record?.model) throw new ConfigurationError(`run-record: ${quote(rel(settings, settings.runRecord))} records no model; give the model with the \`model\` input`);
  const modelPath = path10.resolve(settings.workspace, record.workingDirectory, record.model.path);
  if (!existsSync(modelPath)) throw new ConfigurationError(`run-record: the model it records, ${quote(rel(settings, modelPath))}, is not in the workspace; download it first or give \`model\``);
  return { digest: record.model.digest, modelPath, record };
}
function warnProblems(registry, model, runtime) {
  for (const problem of registry.problems) {
    if (parseTag(problem.tag)?.model === model) runtime.logger.warning(problem.message);
  }
}
function chooseVersion(settings, registry, digest) {
  if (settings.version) return settings.version;
  const same = registry.versions(settings.modelName).find((v) => v.payload?.modelDigest === digest);
  if (same) return same.version;
  return bumpVersion(registry.versions(settings.modelName, { includeDeregistered: true })[0]?.version, settings.bump ?? "patch");
}
function buildPayload(settings, runtime, candidate, version, commit, location, workflowRunUrl) {
  const record = candidate.record;
  const run2 = { runId: candidate.runId };
  if (record) {
    run2.gitSha = record.git.sha;
    run2.startedAt = record.startedAt;
    run2.durationSeconds = record.durationSeconds;
  }
  if (candidate.recordDigest) run2.recordDigest = candidate.recordDigest;
  return {
    schemaVersion: 1,
    model: settings.modelName,
    version,
    modelDigest: candidate.digest,
    metrics: record?.metrics?.values ?? {},
    testSetDigest: candidate.testSetDigest ?? null,
    profileDigest: candidate.profileDigest ?? null,
    run: run2,
    // The payload travels with the repository's tags: a local store's path is kept relative to the workspace when it
    // lies inside it, so it means the same on every clone, not one machine's absolute path.
    artifact: settings.artifactStore.kind === "local" ? { store: "local", path: portablePath(settings.workspace, location) } : { store: "github-release", url: location },
    commit,
    workflowRunUrl: runtime.context.onRunner ? workflowRunUrl : null
  };
}
function extraFiles(settings, candidate) {
  const extras = [{ name: "gate.json", path: settings.gateReport }];
  if (candidate.record) extras.push({ name: "run.json", path: settings.runRecord });
  if (settings.profile) extras.push({ name: "profile.json", path: settings.profile });
  return extras;
}
async function readProfileDigest(settings, file) {
  const shown = rel(settings, file);
  let bytes;
  try {
    bytes = await readFile5(file);
  } catch {
    throw new ConfigurationError(`profile: ${quote(shown)} does not exist or cannot be read; give the profile.json validate-data wrote, or leave profile empty`);
  }
  let data;
  try {
    data = JSON.parse(bytes.toString("utf8"));
  } catch (error2) {
    throw new ConfigurationError(`profile: ${quote(shown)} is not valid JSON: ${error2.message.split("\n")[0]}`);
  }
  checkProfile(data, shown, "profile");
  return `sha256:${createHash3("sha256").update(bytes).digest("hex")}`;
}
function portablePath(workspace, file) {
  const inside = path10.relative(workspace, file);
  return inside && !inside.startsWith("..") && !path10.isAbsolute(inside) ? relativePath(workspace, file) : file;
}
function releaseUrl(runtime, tag) {
  return `${runtime.context.serverUrl.replace(/\/+$/, "")}/${runtime.context.repository ?? ""}/releases/tag/${encodeURIComponent(tag)}`;
}
async function tagger(runtime, settings) {
  const { env } = runtime;
  if (env["GIT_COMMITTER_NAME"] && env["GIT_COMMITTER_EMAIL"]) return { name: env["GIT_COMMITTER_NAME"], email: env["GIT_COMMITTER_EMAIL"] };
  const git = createGitRunner();
  const config = async (key) => (await git.run(["config", "--get", key], { cwd: settings.workspace }).catch(() => "")).trim();
  const [name, email] = [await config("user.name"), await config("user.email")];
  return name && email ? { name, email } : ACTIONS_BOT;
}
function rel(settings, file) {
  return relativePath(settings.workspace, file);
}

// actions/promote/src/index.ts
void run();
