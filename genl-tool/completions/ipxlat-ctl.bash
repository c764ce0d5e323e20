_ipxlat__ctl() {
    local i cur prev opts cmd
    COMPREPLY=()
    if [[ "${BASH_VERSINFO[0]}" -ge 4 ]]; then
        cur="$2"
    else
        cur="${COMP_WORDS[COMP_CWORD]}"
    fi
    prev="$3"
    cmd=""
    opts=""

    for i in "${COMP_WORDS[@]:0:COMP_CWORD}"
    do
        case "${cmd},${i}" in
            ",$1")
                cmd="ipxlat__ctl"
                ;;
            ipxlat__ctl,completions)
                cmd="ipxlat__ctl__subcmd__completions"
                ;;
            ipxlat__ctl,dev)
                cmd="ipxlat__ctl__subcmd__dev"
                ;;
            ipxlat__ctl,eam)
                cmd="ipxlat__ctl__subcmd__eam"
                ;;
            ipxlat__ctl,monitor)
                cmd="ipxlat__ctl__subcmd__monitor"
                ;;
            ipxlat__ctl,query)
                cmd="ipxlat__ctl__subcmd__query"
                ;;
            ipxlat__ctl,stats)
                cmd="ipxlat__ctl__subcmd__stats"
                ;;
            ipxlat__ctl__subcmd__dev,set)
                cmd="ipxlat__ctl__subcmd__dev__subcmd__set"
                ;;
            ipxlat__ctl__subcmd__dev,show)
                cmd="ipxlat__ctl__subcmd__dev__subcmd__show"
                ;;
            ipxlat__ctl__subcmd__eam,add)
                cmd="ipxlat__ctl__subcmd__eam__subcmd__add"
                ;;
            ipxlat__ctl__subcmd__eam,del)
                cmd="ipxlat__ctl__subcmd__eam__subcmd__del"
                ;;
            ipxlat__ctl__subcmd__eam,flush)
                cmd="ipxlat__ctl__subcmd__eam__subcmd__flush"
                ;;
            ipxlat__ctl__subcmd__eam,show)
                cmd="ipxlat__ctl__subcmd__eam__subcmd__show"
                ;;
            ipxlat__ctl__subcmd__stats,show)
                cmd="ipxlat__ctl__subcmd__stats__subcmd__show"
                ;;
            *)
                ;;
        esac
    done

    case "${cmd}" in
        ipxlat__ctl)
            opts="-j -p -b -h -V --json --pretty --batch --help --version dev eam stats query monitor completions"
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 1 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                --batch)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                -b)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        ipxlat__ctl__subcmd__completions)
            opts="-j -p -h --json --pretty --help bash elvish fish powershell zsh"
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 2 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        ipxlat__ctl__subcmd__dev)
            opts="-j -p -h --json --pretty --help show set"
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 2 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        ipxlat__ctl__subcmd__dev__subcmd__set)
            opts="-j -p -h --json --pretty --help"
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 3 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        ipxlat__ctl__subcmd__dev__subcmd__show)
            opts="-j -p -h --json --pretty --help"
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 3 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        ipxlat__ctl__subcmd__eam)
            opts="-j -p -h --json --pretty --help add del show flush"
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 2 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        ipxlat__ctl__subcmd__eam__subcmd__add)
            opts="-j -p -h --json --pretty --help"
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 3 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        ipxlat__ctl__subcmd__eam__subcmd__del)
            opts="-j -p -h --json --pretty --help"
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 3 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        ipxlat__ctl__subcmd__eam__subcmd__flush)
            opts="-j -p -h --json --pretty --help"
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 3 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        ipxlat__ctl__subcmd__eam__subcmd__show)
            opts="-j -p -h --json --pretty --help"
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 3 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        ipxlat__ctl__subcmd__monitor)
            opts="-j -p -h --json --pretty --help"
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 2 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        ipxlat__ctl__subcmd__query)
            opts="-j -p -h --json --pretty --help"
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 2 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        ipxlat__ctl__subcmd__stats)
            opts="-j -p -h --json --pretty --help show"
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 2 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        ipxlat__ctl__subcmd__stats__subcmd__show)
            opts="-j -p -h --json --pretty --help"
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 3 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
    esac
}

if [[ "${BASH_VERSINFO[0]}" -eq 4 && "${BASH_VERSINFO[1]}" -ge 4 || "${BASH_VERSINFO[0]}" -gt 4 ]]; then
    complete -F _ipxlat__ctl -o nosort -o bashdefault -o default ipxlat-ctl
else
    complete -F _ipxlat__ctl -o bashdefault -o default ipxlat-ctl
fi
